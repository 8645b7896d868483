// What `npm run bench:api` asks: the web app's own GraphQL documents (home TopPicks, browse MovieList,
// RateMovie; web/src/app/**/*.graphql) and a deterministic mix of catalog searches and filters.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';

const WEB_DOCUMENTS = [
  'shared/movie-card/movie-card.graphql',
  'shared/movie-card/movie-list.graphql',
  'home/top-picks.graphql',
  'shared/rating/rating.graphql',
];
const definitions = WEB_DOCUMENTS.flatMap(
  (file) => parse(readFileSync(join(resolve(__dirname, '..', '..', 'web', 'src', 'app'), file), 'utf8')).definitions,
);

/** The web app's operation `name` with the fragments it spreads, as one document. */
function webOperation(name: string): string {
  const operation = definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`the web app has no operation ${name} in ${WEB_DOCUMENTS.join(', ')}`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = definitions.find(
          (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === spread.name.value,
        );
        if (fragment && !fragments.has(fragment.name.value)) {
          fragments.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return [operation, ...fragments.values()].map((definition) => print(definition)).join('\n\n');
}

export const TOP_PICKS = webOperation('TopPicks');
export const MOVIE_LIST = webOperation('MovieList');
export const RATE_MOVIE = webOperation('RateMovie');

export interface MovieListVariables {
  filter: { search?: string; genres?: string[]; yearFrom?: number; yearTo?: number; minRatings?: number } | null;
  sort?: 'POPULARITY' | 'RATING' | 'TITLE' | 'YEAR' | 'RELEVANCE';
  first: number;
}

/** Titles and tags people type, some misspelled (the search is typo-tolerant), some matching user tags. */
export const SEARCHES = [
  'toy story',
  'matrix',
  'matrx',
  'star wars',
  'star wras',
  'godfather',
  'godfater',
  'lord of the rings',
  'harry potter',
  'alien',
  'terminator',
  'termnator',
  'batman',
  'jurassic park',
  'jurasic park',
  'pulp fiction',
  'shawshank',
  'forrest gump',
  'titanic',
  'indiana jones',
  'back to the future',
  'dark knight',
  'inception',
  'fight club',
  'amelie',
  'spirited away',
  'monty python',
  'die hard',
  'pixar',
  'christmas',
  'zombie',
  'love',
  'the',
  'dark comedy',
  'twist ending',
  'atmospheric',
  'sci-fi',
  'time travel',
  'superhero',
  'quentin tarantino',
];

const SORTS = ['POPULARITY', 'RATING', 'TITLE', 'YEAR'] as const;

/** Deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` MovieList requests: about 40% searches (relevance order, some narrowed by a genre or years, some
 * re-sorted), the rest browsing by one or two genres, year ranges and minimum ratings in every sort order.
 */
export function movieListVariants(genres: string[], count: number, seed = 42): MovieListVariables[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const years = (): { yearFrom?: number; yearTo?: number } => {
    const from = 1930 + Math.floor(next() * 80);
    const roll = next();
    if (roll < 0.4) return { yearFrom: from, yearTo: Math.min(2018, from + 5 + Math.floor(next() * 25)) };
    if (roll < 0.7) return { yearFrom: from };
    return { yearTo: from };
  };
  const variants: MovieListVariables[] = [];
  for (let i = 0; i < count; i++) {
    const filter: NonNullable<MovieListVariables['filter']> = {};
    let sort: MovieListVariables['sort'];
    if (next() < 0.4) {
      filter.search = pick(SEARCHES);
      if (next() < 0.2) filter.genres = [pick(genres)];
      if (next() < 0.2) Object.assign(filter, years());
      if (next() < 0.2) sort = pick(SORTS);
    } else {
      const roll = next();
      if (roll < 0.8) filter.genres = [pick(genres)];
      if (roll < 0.35) filter.genres = [...new Set([...filter.genres!, pick(genres)])];
      if (next() < 0.6) Object.assign(filter, years());
      if (next() < 0.25) filter.minRatings = pick([5, 10, 20, 50]);
      sort = pick(SORTS);
    }
    variants.push({ filter: Object.keys(filter).length ? filter : null, ...(sort ? { sort } : {}), first: 20 });
  }
  return variants;
}

/** The ratings a user can give: 0.5 to 5 in half stars. */
export const RATING_VALUES = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
