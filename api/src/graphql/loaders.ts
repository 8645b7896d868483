import DataLoader from 'dataloader';
import type { Genre } from '../genres/models/genre.model';
import type { GenresService } from '../genres/genres.service';
import type { Movie, MovieDetails, MovieTag } from '../movies/models/movie.model';
import type { MovieLinks, MovieStats, MoviesService } from '../movies/movies.service';
import type { Rating } from '../ratings/models/rating.model';
import type { RatingsService } from '../ratings/ratings.service';
import type { SkipsService } from '../ratings/skips.service';

export interface LoaderServices {
  movies: MoviesService;
  genres: GenresService;
  ratings: RatingsService;
  skips: SkipsService;
}

/** A DataLoader whose batch function returns a map; missing keys get `fallback`. */
function mapLoader<K, V>(batch: (keys: readonly K[]) => Promise<Map<K, V>>, fallback: V): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const found = await batch(keys);
    return keys.map((key) => found.get(key) ?? fallback);
  });
}

const NO_STATS: MovieStats = { ratingCount: 0, ratingSum: 0 };

/** `fn` of a value that may still be loading: synchronous when the value is known. */
export function mapValue<V, R>(value: V | Promise<V>, fn: (value: V) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/**
 * A batching loader that also keeps the values it already has (primed by a query that read them, or
 * loaded) for synchronous reads: a field resolver that returns a known value directly spares GraphQL a
 * promise per field, and the object holding it a wait for all its fields (a page of movie cards reads
 * stats, ratings and details around a hundred times).
 */
export class KnownValueLoader<K, V> {
  private readonly known = new Map<K, V>();
  private readonly loader: DataLoader<K, V>;

  constructor(batch: (keys: readonly K[]) => Promise<Map<K, V>>, fallback: V) {
    this.loader = mapLoader(batch, fallback);
  }

  /** The value, directly when known, else loaded (batched). */
  get(key: K): V | Promise<V> {
    return this.known.has(key) ? this.known.get(key)! : this.load(key);
  }

  load(key: K): Promise<V> {
    return this.loader.load(key).then((value) => {
      this.known.set(key, value);
      return value;
    });
  }

  /** Like DataLoader#prime: a value already known or loading is kept. */
  prime(key: K, value: V): this {
    if (!this.known.has(key)) {
      this.known.set(key, value);
      this.loader.prime(key, value);
    }
    return this;
  }

  clear(key: K): this {
    this.known.delete(key);
    this.loader.clear(key);
    return this;
  }
}

/**
 * The DataLoaders of one GraphQL request: every per-movie field of a list (genres, tags, stats, links,
 * details, the caller's rating and skip) costs one query per page, not one per movie. Created per request, so
 * nothing is cached across requests or users.
 */
export class Loaders {
  readonly movie: DataLoader<number, Movie | null>;
  readonly stats: KnownValueLoader<number, MovieStats>;
  readonly genres: DataLoader<number, Genre[]>;
  readonly genreMovieCount: DataLoader<number, number>;
  readonly links: DataLoader<number, MovieLinks | null>;
  readonly details: KnownValueLoader<number, MovieDetails | null>;
  private readonly tagLoaders = new Map<number, DataLoader<number, MovieTag[]>>();
  private readonly ratingLoaders = new Map<number, KnownValueLoader<number, Rating | null>>();
  private readonly skipLoaders = new Map<number, KnownValueLoader<number, boolean>>();

  constructor(private readonly services: LoaderServices) {
    const { movies, genres } = services;
    this.movie = mapLoader((ids) => movies.findByIds(ids), null);
    this.stats = new KnownValueLoader((ids) => movies.statsByIds(ids), NO_STATS);
    this.genres = mapLoader((ids) => genres.genresOfMovies(ids), []);
    this.genreMovieCount = mapLoader((ids) => genres.movieCounts(ids), 0);
    this.links = mapLoader((ids) => movies.linksByIds(ids), null);
    this.details = new KnownValueLoader((ids) => movies.detailsByIds(ids), null);
  }

  /** Top `limit` tags per movie. */
  tags(limit: number): DataLoader<number, MovieTag[]> {
    let loader = this.tagLoaders.get(limit);
    if (!loader) {
      loader = mapLoader((ids) => this.services.movies.topTags(ids, limit), []);
      this.tagLoaders.set(limit, loader);
    }
    return loader;
  }

  /** `userId`'s ratings by movie id. */
  ratingsOf(userId: number): KnownValueLoader<number, Rating | null> {
    let loader = this.ratingLoaders.get(userId);
    if (!loader) {
      loader = new KnownValueLoader((ids) => this.services.ratings.ratingsOf(userId, ids), null);
      this.ratingLoaders.set(userId, loader);
    }
    return loader;
  }

  /** Whether `userId` skipped ("Haven't seen it") each movie. */
  skipsOf(userId: number): KnownValueLoader<number, boolean> {
    let loader = this.skipLoaders.get(userId);
    if (!loader) {
      loader = new KnownValueLoader((ids) => this.services.skips.skippedOf(userId, ids), false);
      this.skipLoaders.set(userId, loader);
    }
    return loader;
  }

  /**
   * Seeds the loaders with a movie that another query read together with what its card shows: its stats,
   * whether it has ENRICHED details (a movie without them gets its null `details` here; the others are
   * loaded) and a user's rating of it: `ratingOf` as read, or null for a movie `notRatedBy` has not rated
   * (a recommendation).
   */
  primeCard(
    movie: Movie,
    card: {
      stats?: MovieStats;
      enriched?: boolean | null;
      notRatedBy?: number | null;
      ratingOf?: { userId: number; rating: Rating | null };
    },
  ): void {
    this.movie.prime(movie.id, movie);
    if (card.stats) this.stats.prime(movie.id, card.stats);
    if (card.enriched === false) this.details.prime(movie.id, null);
    if (card.notRatedBy != null) this.ratingsOf(card.notRatedBy).prime(movie.id, null);
    if (card.ratingOf) this.ratingsOf(card.ratingOf.userId).prime(movie.id, card.ratingOf.rating);
  }
}
