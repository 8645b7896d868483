// The `attack` scenario of `npm run bench:api` (issue 13): the ordinary catalogue query (the web app's
// MovieList, signed in) at a fixed rate, first alone (the baseline), then while 4 anonymous clients, each
// from its own IP (X-Forwarded-For; the bench's API trusts one proxy hop), hammer the worst query the
// default limits allow: of the candidates below (each at the most aliases and cost the limits accept), the
// slowest alone on this stack.
import { apiEnv } from '../src/config/api-config';
import { SEARCHES } from './workload';

/** The default GraphQL limits that shape the candidates. */
const MAX_ALIASES = apiEnv.GRAPHQL_MAX_ALIASES.parse(undefined);
const MAX_COMPLEXITY = apiEnv.GRAPHQL_MAX_COMPLEXITY.parse(undefined);

export const ATTACK = {
  /** p99 of the ordinary catalogue query while attacked (issue 13). */
  p99Ms: 200,
  /** Requests per second of the ordinary catalogue query (the bench measures its latency, not the throughput). */
  rate: 50,
  clients: 4,
  /** Connections of each attacking client, each sending its next request as soon as the last one answered. */
  connectionsPerClient: 4,
};

export interface AttackCandidate {
  name: string;
  /** The worst query of this kind the limits accept. */
  query: string;
  /** The same with one more copy of the field, which the limits must reject. */
  oneMore: string;
}

/** `count` root fields in one operation: the first plain, the others aliased (`count - 1` aliases). */
function rootFields(count: number, field: (i: number) => string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `${i ? `a${i}: ` : ''}${field(i)}`).join(' ')} }`;
}

/** As many copies of `field` (costing `cost`) as both the alias and the cost limits allow. */
function candidate(name: string, cost: number, field: (i: number) => string): AttackCandidate {
  const count = Math.min(MAX_ALIASES + 1, Math.floor(MAX_COMPLEXITY / cost));
  return { name, query: rootFields(count, field), oneMore: rootFields(count + 1, field) };
}

/** The worst queries the default limits allow, by what their fields make the backends do. */
export const ATTACK_CANDIDATES: AttackCandidate[] = [
  // An aggregate over every movie's genres per copy; cost 1 + 20 rows.
  candidate('genres', 21, () => 'genres { name movieCount }'),
  // Three backend probes per copy; cost 3, plus 1 for the services.
  candidate('health', 4, () => 'health { ok services { name up } }'),
  // The onboarding selection (most-rated movies of each genre) per copy; cost 1 + 100 rows.
  candidate('onboardingMovies', 101, () => 'onboardingMovies(first: 100) { id }'),
  // A typo-tolerant search of the catalogue per copy, each of another text; cost 1 + 100 edges with their node.
  candidate(
    'movies search',
    201,
    (i) => `movies(first: 100, filter: { search: ${JSON.stringify(SEARCHES[i])} }) { totalCount edges { node { id } } }`,
  ),
];
