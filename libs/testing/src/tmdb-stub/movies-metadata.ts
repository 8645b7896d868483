import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parsePythonLiteral, type PythonValue } from './python-literal';

/**
 * Turns rows of Kaggle's movies_metadata.csv (The Movies Dataset, TMDB's 2017 data) into the body
 * TMDB v3 answers for `GET /3/movie/{id}`, so the stub serves realistic movies offline.
 */

/** /work/shared/datasets/tmdb beside the repository, or REELRANK_TMDB_DATASET_DIR. */
export function defaultTmdbDatasetDir(): string {
  return process.env.REELRANK_TMDB_DATASET_DIR ?? path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'datasets', 'tmdb');
}

/** The `/movie/{id}` body without `append_to_response` parts, plus the credits and keywords to append. */
export interface StubMovie {
  details: Record<string, unknown>;
  credits: { cast: Record<string, unknown>[]; crew: Record<string, unknown>[] };
  keywords: { id: number; name: string }[];
}

export interface LoadedMovies {
  movies: Map<number, StubMovie>;
  /** Rows that could not be converted (none in the shipped file), with the reason. */
  rejected: { line: number; reason: string }[];
  /** Rows whose id was already loaded (id 105045 appears twice in the source). */
  duplicates: number;
}

const COLUMNS = [
  'adult',
  'belongs_to_collection',
  'budget',
  'genres',
  'homepage',
  'id',
  'imdb_id',
  'original_language',
  'original_title',
  'overview',
  'popularity',
  'poster_path',
  'production_companies',
  'production_countries',
  'release_date',
  'revenue',
  'runtime',
  'spoken_languages',
  'status',
  'tagline',
  'title',
  'video',
  'vote_average',
  'vote_count',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/**
 * Loads movies_metadata.ml-latest-small.csv and, for id 550, the real saved API sample with its credits.
 * Throws when the dataset folder is missing, naming it.
 */
export function loadStubMovies(datasetDir: string = defaultTmdbDatasetDir()): LoadedMovies {
  const csvFile = path.join(datasetDir, 'movies_metadata.ml-latest-small.csv');
  if (!existsSync(csvFile)) {
    throw new Error(`TMDB stub: ${csvFile} not found; set REELRANK_TMDB_DATASET_DIR to the folder of the TMDB reference data`);
  }
  const loaded = parseMoviesMetadata(readFileSync(csvFile, 'utf8'));
  const samples = path.join(datasetDir, 'api-samples');
  const sample = path.join(samples, 'movie-550.json');
  if (existsSync(sample)) {
    const details = JSON.parse(readFileSync(sample, 'utf8')) as Record<string, unknown>;
    const creditsFile = path.join(samples, 'movie-550-credits.json');
    const credits = existsSync(creditsFile)
      ? (JSON.parse(readFileSync(creditsFile, 'utf8')) as StubMovie['credits'])
      : { cast: [], crew: [] };
    loaded.movies.set(550, { details, credits: { cast: credits.cast, crew: credits.crew }, keywords: [] });
  }
  return loaded;
}

export function parseMoviesMetadata(csv: string): LoadedMovies {
  const records = parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Row[];
  const movies = new Map<number, StubMovie>();
  const rejected: LoadedMovies['rejected'] = [];
  let duplicates = 0;
  records.forEach((row, index) => {
    const line = index + 2;
    try {
      const details = rowToMovie(row);
      const id = details.id as number;
      if (movies.has(id)) {
        duplicates++;
        return;
      }
      movies.set(id, { details, credits: { cast: [], crew: [] }, keywords: [] });
    } catch (error) {
      rejected.push({ line, reason: (error as Error).message });
    }
  });
  return { movies, rejected, duplicates };
}

/** One CSV row as TMDB's `/movie/{id}` body (fields the 2017 dataset lacks are null or empty, as TMDB sends them). */
export function rowToMovie(row: Row): Record<string, unknown> {
  for (const column of COLUMNS) {
    if (typeof row[column] !== 'string') throw new Error(`column ${column} is missing`);
  }
  const id = integer(row.id, 'id');
  const collection = row.belongs_to_collection.trim() === '' ? null : literal(row.belongs_to_collection, 'belongs_to_collection');
  return {
    adult: boolean(row.adult, 'adult'),
    backdrop_path: null,
    belongs_to_collection: collection,
    budget: integer(row.budget, 'budget'),
    genres: list(row.genres, 'genres').map((genre) => ({ id: genre.id, name: genre.name })),
    homepage: row.homepage === '' ? null : row.homepage,
    id,
    imdb_id: row.imdb_id === '' ? null : row.imdb_id,
    original_language: row.original_language,
    original_title: row.original_title,
    overview: row.overview,
    popularity: float(row.popularity, 'popularity'),
    poster_path: row.poster_path === '' ? null : row.poster_path,
    production_companies: list(row.production_companies, 'production_companies').map((company) => ({
      id: company.id,
      logo_path: null,
      name: company.name,
      origin_country: '',
    })),
    production_countries: list(row.production_countries, 'production_countries'),
    release_date: row.release_date,
    revenue: integer(row.revenue, 'revenue'),
    runtime: row.runtime === '' ? null : Math.round(float(row.runtime, 'runtime')),
    spoken_languages: list(row.spoken_languages, 'spoken_languages').map((language) => ({
      english_name: language.name,
      iso_639_1: language.iso_639_1,
      name: language.name,
    })),
    status: row.status,
    tagline: row.tagline,
    title: row.title,
    video: boolean(row.video, 'video'),
    vote_average: float(row.vote_average, 'vote_average'),
    vote_count: integer(row.vote_count, 'vote_count'),
  };
}

function literal(text: string, column: string): PythonValue {
  try {
    return parsePythonLiteral(text);
  } catch (error) {
    throw new Error(`${column}: ${(error as Error).message}`);
  }
}

function list(text: string, column: string): Record<string, PythonValue>[] {
  if (text.trim() === '') return [];
  const value = literal(text, column);
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
    throw new Error(`${column}: expected a list of dicts`);
  }
  return value as Record<string, PythonValue>[];
}

function integer(text: string, column: string): number {
  if (!/^-?\d+$/.test(text)) throw new Error(`${column}: expected an integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

function float(text: string, column: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${column}: expected a number, got ${JSON.stringify(text)}`);
  return value;
}

function boolean(text: string, column: string): boolean {
  if (text === 'True') return true;
  if (text === 'False') return false;
  throw new Error(`${column}: expected True or False, got ${JSON.stringify(text)}`);
}
