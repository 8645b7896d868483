import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { type DocumentNode, GraphQLError, getNamedType, isLeafType, type ValidationRule } from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { ErrorCode } from './errors';
import { MAX_PAGE_SIZE } from './pagination';

/**
 * Rejects selections deeper than `maxDepth` (GRAPHQL_MAX_DEPTH, default 8). Root fields are depth 0, so
 * `myRatings { edges { node { movie { genres { name } } } } }` reaches depth 5 at `name`.
 */
export const depthLimitRule = (maxDepth: number): ValidationRule => depthLimit(maxDepth) as ValidationRule;

/**
 * Cost model: a field's own `complexity` extension wins (list queries multiply their children by
 * `first`); otherwise scalar and enum fields cost 0 (loaded with their object) and object fields cost 1
 * plus their children (each may need a batched lookup). A full page of 100 movies with every field is
 * about 700, so the default limit of 1000 (GRAPHQL_MAX_COMPLEXITY) stops aliasing several big pages into
 * one request.
 */
export const complexityEstimators: ComplexityEstimator[] = [
  fieldExtensionsEstimator(),
  ({ field, childComplexity }) => (isLeafType(getNamedType(field.type)) ? 0 : 1 + childComplexity),
];

/**
 * `complexity` option of a list query or field: its children cost once per requested item. `first` is
 * capped at MAX_PAGE_SIZE here so that a too large page size is reported by validation, naming `first`.
 */
export const perItem = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
  1 + childComplexity * Math.min(MAX_PAGE_SIZE, Math.max(1, typeof args.first === 'number' ? args.first : 1));

/** Costs computed per parsed document (Apollo reuses the DocumentNode of a known query), at most this many variable sets each. */
const COSTS_PER_DOCUMENT = 256;

/**
 * Rejects operations whose estimated cost exceeds `maximum` before they execute. The cost depends only on
 * the document, the operation and the variables, so it is computed once per distinct set of them.
 */
export function complexityPlugin(maximum: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const key = `${request.operationName ?? ''}\n${JSON.stringify(request.variables ?? {})}`;
          let known = costs.get(document);
          let complexity = known?.get(key);
          if (complexity === undefined) {
            try {
              complexity = getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables: request.variables ?? {},
                estimators: complexityEstimators,
              });
            } catch (error) {
              // Invalid variables: nothing will execute, and Apollo reports them (BAD_USER_INPUT) next.
              if (!(error instanceof GraphQLError)) throw error;
              complexity = null;
            }
            if (!known) costs.set(document, (known = new Map()));
            if (known.size >= COSTS_PER_DOCUMENT) known.clear();
            known.set(key, complexity);
          }
          if (complexity === null) return;
          if (complexity > maximum) {
            throw new GraphQLError(`Query is too complex: cost ${complexity}, the maximum is ${maximum}`, {
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, complexity, maximumComplexity: maximum, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
