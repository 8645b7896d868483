import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { RatingsError } from './ratings';

/** What a movie is, as far as the recommender's content evidence goes. */
export interface MovieInfo {
  movieId: number;
  title: string;
  genres: string[];
}

const NO_GENRES = '(no genres listed)';

/** Parses MovieLens `movies.csv` (`movieId,title,genres`, genres `|`-separated); errors name the line. */
export function parseMoviesCsv(text: string, source = '<input>'): MovieInfo[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    throw new RatingsError(`${source}: ${(error as Error).message}`);
  }
  const header = records[0]?.record ?? [];
  if (header[0] !== 'movieId' || header[1] !== 'title' || header[2] !== 'genres') {
    throw new RatingsError(`${source}:1: expected header movieId,title,genres but found "${header.join(',')}"`);
  }
  return records.slice(1).map(({ record, info }) => {
    const [id, title, genres] = record;
    if (record.length < 3) throw new RatingsError(`${source}:${info.lines}: expected 3 columns, found ${record.length}`);
    if (!/^\d{1,10}$/.test(id) || Number(id) > 0x7fffffff)
      throw new RatingsError(`${source}:${info.lines}: movieId "${id}" is not a non-negative integer`);
    return {
      movieId: Number(id),
      title,
      genres: genres === NO_GENRES || genres === '' ? [] : genres.split('|'),
    };
  });
}

export function readMoviesFile(path: string): MovieInfo[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RatingsError(`${path}: cannot read movies file (${code ?? (error as Error).message})`);
  }
  return parseMoviesCsv(text, path);
}
