import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import depthLimit from 'graphql-depth-limit';
import { type DocumentNode, GraphQLError, getNamedType, isLeafType, type ValidationContext, type ValidationRule } from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { ErrorCode } from './errors';
import { MAX_PAGE_SIZE } from './pagination';

/**
 * Rejects selections deeper than `maxDepth` (GRAPHQL_MAX_DEPTH, default 8). Root fields are depth 0, so
 * `myRatings { edges { node { movie { genres { name } } } } }` reaches depth 5 at `name`.
 */
export const depthLimitRule = (maxDepth: number): ValidationRule => depthLimit(maxDepth) as ValidationRule;

/**
 * Reports a graphql-armor limit as QUERY_TOO_COMPLEX with the maximum under `extensionName` (Apollo files
 * validation errors as GRAPHQL_VALIDATION_FAILED; formatError restores the code).
 */
const tooComplex = (extensionName: string, maximum: number) => ({
  n: maximum,
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(`Query is too complex: ${error.message.replace(/^Syntax Error: /, '')}`, {
          extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, [extensionName]: maximum },
        }),
      ),
  ],
});

/**
 * Rejects operations with more than `maximum` aliases (GRAPHQL_MAX_ALIASES), counted through fragments:
 * each alias of a root field runs it once more, which the cost of one copy does not show.
 */
export const maxAliasesLimitRule = (maximum: number): ValidationRule => maxAliasesRule(tooComplex('maximumAliases', maximum));

/** Rejects operations with more than `maximum` directives (GRAPHQL_MAX_DIRECTIVES). */
export const maxDirectivesLimitRule = (maximum: number): ValidationRule => maxDirectivesRule(tooComplex('maximumDirectives', maximum));

/**
 * Cost model, for what a field really does: a field's own `complexity` extension wins (a list costs its
 * rows, `health` its probes); otherwise scalar and enum fields cost 0 (loaded with their object) and object
 * fields cost 1 plus their children (each may need a batched lookup). A page of 100 onboarding movie cards
 * with their genres, the web app's largest query, is about 1300, so the default limit of 2000
 * (GRAPHQL_MAX_COMPLEXITY) stops aliasing two big pages into one request.
 */
export const complexityEstimators: ComplexityEstimator[] = [
  fieldExtensionsEstimator(),
  ({ field, childComplexity }) => (isLeafType(getNamedType(field.type)) ? 0 : 1 + childComplexity),
];

interface ComplexityArgs {
  args: Record<string, unknown>;
  childComplexity: number;
}

/** `first` as a number of rows, capped at MAX_PAGE_SIZE here so that a too large page size is reported by validation, naming `first`. */
const pageSize = (args: Record<string, unknown>) => Math.min(MAX_PAGE_SIZE, Math.max(1, typeof args.first === 'number' ? args.first : 1));

/** The lookup, then each row: 1, plus its own fields. */
const rowsCost = (rows: number, childComplexity: number) => 1 + rows * (1 + childComplexity);

/** `complexity` option of a connection with `first`: its fields cost once per requested edge (an edge, the row, is an object: 1). */
export const perEdge = ({ args, childComplexity }: ComplexityArgs) => 1 + childComplexity * pageSize(args);

/** `complexity` option of a list query or field with `first`: it costs its rows, however few fields they have. */
export const perRow = ({ args, childComplexity }: ComplexityArgs) => rowsCost(pageSize(args), childComplexity);

/** `complexity` option of a list without `first`: it costs the most rows it can return. */
export const upToRows =
  (maxRows: number) =>
  ({ childComplexity }: ComplexityArgs) =>
    rowsCost(maxRows, childComplexity);

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
