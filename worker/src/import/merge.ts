import { inTransaction } from '@reelrank/prisma';
import { MOVIELENS_FILES, type ImportMovieLensResult, type MovieLensFile, type MovieLensFileStats } from '@reelrank/workflows';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { PassThrough, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MovieLensInputError } from './errors';
import { RatingTally } from './rating-tally';
import { stagingTable, type StageCheckpoint } from './staging';

const MERGE_LOCK = 0x4d4c4d47; // "MLMG"

/** From this many rows on, a load into an empty table builds its indexes and foreign keys afterwards. */
export const BULK_LOAD_MIN_ROWS = 10_000;

export interface MergeOptions {
  log: (message: string) => void;
  /** A second connection: ratings then travel by COPY instead of INSERT … SELECT (see loadInto). */
  openReader?: () => Promise<PoolClient>;
  /** Default BULK_LOAD_MIN_ROWS; tests lower it to run the bulk loads on small files. */
  bulkLoadMinRows?: number;
}

interface Upserted {
  inserted: number;
  updated: number;
}

/**
 * Staging → final tables, in one transaction (all or nothing; a retry starts over, or returns the
 * result of an attempt that committed). Rules:
 * - duplicates: movies and links keep the last line of a movieId; ratings keep the latest timestamp of
 *   a user+movie (then the last line); tags keep the earliest timestamp of a user+movie+tag ignoring
 *   case (then the first line). The others go to import_quarantine as duplicates;
 * - upserts only touch rows whose values differ (`IS DISTINCT FROM`), so a re-run updates nothing;
 * - movie_genres of the imported movies are made equal to the file's genres (missing pairs inserted,
 *   others deleted); genres are created by name (sorted, so ids are reproducible);
 * - users are created for every userId of ratings and tags (source MOVIELENS, their MovieLens id, at most
 *   MOVIELENS_USER_ID_MAX as staging checked: sign-up ids come from the sequence above that, left alone here); the
 *   ratings and tags of an id held by an account created by sign-up (one from before the ranges) are quarantined;
 * - nothing is deleted from movies, links, ratings or tags: the import adds and updates.
 * A first import (empty tables) of at least `bulkLoadMinRows` rows of a table builds that table's indexes and
 * foreign keys after loading it (deferIndexesIfEmpty); the tables end the same either way.
 */
export async function mergeImport(
  client: PoolClient,
  importId: number,
  { log, openReader, bulkLoadMinRows = BULK_LOAD_MIN_ROWS }: MergeOptions,
): Promise<ImportMovieLensResult> {
  const T = (file: MovieLensFile) => stagingTable(importId, file);
  const one = async <R>(sql: string, params: unknown[] = []): Promise<R> => (await client.query(sql, params)).rows[0] as R;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await client.query(sql, params)).rowCount ?? 0;
  const timed = async <R>(step: string, work: () => Promise<R>): Promise<R> => {
    const started = Date.now();
    const result = await work();
    log(`merge ${importId}: ${step} in ${Date.now() - started} ms`);
    return result;
  };

  /** When this attempt's merge finished its statements (undefined when an earlier attempt had merged). */
  let mergedAt: number | undefined;
  const outcome = await inTransaction(
    client,
    async (): Promise<ImportMovieLensResult> => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MERGE_LOCK, importId]);
      const imported = await one<{ dataset_version: string; status: string; stats: ImportMovieLensResult | null } | undefined>(
        'SELECT dataset_version, status, stats FROM dataset_imports WHERE id = $1 FOR UPDATE',
        [importId],
      );
      if (!imported) throw new MovieLensInputError(`import ${importId} does not exist`);
      // An earlier attempt committed; its worker died before reporting.
      if (imported.status === 'DONE' && imported.stats) return imported.stats;
      if (imported.status !== 'RUNNING') throw new MovieLensInputError(`import ${importId} is ${imported.status}, not RUNNING`);
      const version = imported.dataset_version;

      const { rows: fileRows } = await client.query<{
        file: MovieLensFile;
        state: string;
        checkpoint: StageCheckpoint;
        total_bytes: string;
      }>('SELECT file, state, checkpoint, total_bytes FROM dataset_import_files WHERE import_id = $1 FOR UPDATE', [importId]);
      const staged = new Map(fileRows.map((row) => [row.file, row]));
      for (const file of MOVIELENS_FILES) {
        const row = staged.get(file);
        if (row?.state !== 'staged')
          throw new Error(`cannot merge import ${importId}: ${file}.csv is ${row?.state ?? 'missing'}, not staged`);
        // Staging tables are UNLOGGED: a PostgreSQL crash since staging emptied them. Merging would lose the rows; a
        // retry of the merge stages the file again first (MovieLensImporter.merge).
        const { rows: kept } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${T(file)}) AS kept`);
        if (row.checkpoint.staged > 0 && !kept[0].kept)
          throw new Error(
            `the ${row.checkpoint.staged} staged rows of ${file}.csv are gone (a PostgreSQL crash empties unlogged staging tables): the merge is retried after staging it again`,
          );
      }

      // ---- movies, genres, movie_genres
      let rebuildRatingStats: (() => Promise<void>) | undefined;
      const movies = await timed('movies', async () => {
        await client.query(`CREATE TEMP TABLE merge_movies ON COMMIT DROP AS
        SELECT DISTINCT ON (movie_id) movie_id, line, title, year, genres FROM ${T('movies')} ORDER BY movie_id, line DESC`);
        await client.query('ANALYZE merge_movies');
        const winners = await count('SELECT 1 FROM merge_movies');
        const duplicates = await count(
          `INSERT INTO import_quarantine (dataset_version, file, line_number, raw_text, reason)
         SELECT $1, 'movies', s.line, s.raw, 'duplicate movieId ' || s.movie_id || ': superseded by line ' || w.line
         FROM ${T('movies')} s JOIN merge_movies w ON w.movie_id = s.movie_id AND w.line <> s.line ORDER BY s.line`,
          [version],
        );
        // First import: the title indexes (a trigram GIN among them), and the foreign key and sort indexes of the
        // stats rows the movies trigger creates (checked row by row twice: at insert and at refresh_movie_rating_stats).
        const rebuild = winners >= bulkLoadMinRows ? await deferIndexesIfEmpty(client, 'movies', log, 'keys') : undefined;
        if (rebuild) rebuildRatingStats = await deferIndexesIfEmpty(client, 'movie_rating_stats', log, 'keys');
        const insert = 'INSERT INTO movies (id, title, year) SELECT movie_id, title, year FROM merge_movies ORDER BY movie_id';
        const upserted = rebuild
          ? { inserted: await count(insert), updated: 0 } // into an empty table: nothing to update
          : await one<Upserted>(`WITH up AS (${insert}
            ON CONFLICT (id) DO UPDATE SET title = excluded.title, year = excluded.year, updated_at = now()
            WHERE (movies.title, movies.year) IS DISTINCT FROM (excluded.title, excluded.year)
            RETURNING (xmax = 0) AS inserted)
          SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`);
        await rebuild?.();
        return { winners, duplicates, ...upserted };
      });

      const genres = await timed('genres', async () => {
        const inserted = await count(`INSERT INTO genres (name)
        SELECT DISTINCT n.name FROM merge_movies m CROSS JOIN LATERAL unnest(string_to_array(m.genres, '|')) AS n(name)
        WHERE m.genres <> '' AND NOT EXISTS (SELECT 1 FROM genres g WHERE g.name = n.name)
        ORDER BY n.name ON CONFLICT (name) DO NOTHING`);
        const { total } = await one<{ total: number }>('SELECT count(*)::int AS total FROM genres');
        return { inserted, total };
      });

      const movieGenres = await timed('movie_genres', async () => {
        await client.query(`CREATE TEMP TABLE merge_movie_genres ON COMMIT DROP AS
        SELECT DISTINCT m.movie_id, g.id AS genre_id
        FROM merge_movies m CROSS JOIN LATERAL unnest(string_to_array(m.genres, '|')) AS n(name) JOIN genres g ON g.name = n.name`);
        await client.query('ANALYZE merge_movie_genres');
        // First import: pairs of a movie and one of its genres, often more than 10,000 (150,000 for 62,000
        // movies), each checked against two foreign keys row by row unless built in bulk.
        const pairs = await count('SELECT 1 FROM merge_movie_genres');
        const rebuild = pairs >= bulkLoadMinRows ? await deferIndexesIfEmpty(client, 'movie_genres', log) : undefined;
        const inserted = await count(`INSERT INTO movie_genres (movie_id, genre_id)
        SELECT movie_id, genre_id FROM merge_movie_genres ORDER BY movie_id, genre_id ${rebuild ? '' : 'ON CONFLICT DO NOTHING'}`);
        if (rebuild) {
          await rebuild();
          return { inserted, deleted: 0 };
        }
        const deleted = await count(`DELETE FROM movie_genres x USING merge_movies m
        WHERE x.movie_id = m.movie_id
          AND NOT EXISTS (SELECT 1 FROM merge_movie_genres w WHERE w.movie_id = x.movie_id AND w.genre_id = x.genre_id)`);
        return { inserted, deleted };
      });

      // ---- links
      const links = await timed('links', async () => {
        await client.query(`CREATE TEMP TABLE merge_links ON COMMIT DROP AS
        SELECT DISTINCT ON (movie_id) movie_id, line, imdb_id, tmdb_id FROM ${T('links')} ORDER BY movie_id, line DESC`);
        await client.query('ANALYZE merge_links');
        const winners = await count('SELECT 1 FROM merge_links');
        const duplicates = await count(
          `INSERT INTO import_quarantine (dataset_version, file, line_number, raw_text, reason)
         SELECT $1, 'links', s.line, s.raw, 'duplicate movieId ' || s.movie_id || ': superseded by line ' || w.line
         FROM ${T('links')} s JOIN merge_links w ON w.movie_id = s.movie_id AND w.line <> s.line ORDER BY s.line`,
          [version],
        );
        const rebuild = winners >= bulkLoadMinRows ? await deferIndexesIfEmpty(client, 'links', log, 'keys') : undefined;
        const insert =
          'INSERT INTO links (movie_id, imdb_id, tmdb_id) SELECT movie_id, imdb_id, tmdb_id FROM merge_links ORDER BY movie_id';
        const upserted = rebuild
          ? { inserted: await count(insert), updated: 0 }
          : await one<Upserted>(`WITH up AS (${insert}
            ON CONFLICT (movie_id) DO UPDATE SET imdb_id = excluded.imdb_id, tmdb_id = excluded.tmdb_id
            WHERE (links.imdb_id, links.tmdb_id) IS DISTINCT FROM (excluded.imdb_id, excluded.tmdb_id)
            RETURNING (xmax = 0) AS inserted)
          SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`);
        await rebuild?.();
        return { winners, duplicates, ...upserted };
      });

      // ---- users
      /** Staged rows quarantined because their userId belongs to an account created by sign-up. */
      const takenRows = { movies: 0, links: 0, ratings: 0, tags: 0 };
      const users = await timed('users', async () => {
        // Each side deduplicated on its own (a small hash table, a parallel scan of the staged ratings) before
        // the union: a plain UNION hashes all 25M rows at once and, without statistics, spills to disk.
        await client.query(`CREATE TEMP TABLE merge_users ON COMMIT DROP AS
        SELECT DISTINCT user_id AS id FROM ${T('ratings')} UNION SELECT DISTINCT user_id FROM ${T('tags')}`);
        await client.query('ANALYZE merge_users');
        // Ids of accounts created by sign-up (possible only for accounts from before the id ranges, the sequence now
        // starts above MOVIELENS_USER_ID_MAX): those rows are not that account's, they leave staging for the quarantine.
        await client.query(`CREATE TEMP TABLE merge_taken_users ON COMMIT DROP AS
        SELECT m.id FROM merge_users m JOIN users u ON u.id = m.id WHERE u.source <> 'MOVIELENS'`);
        const taken = await count('DELETE FROM merge_users m USING merge_taken_users t WHERE m.id = t.id');
        if (taken) {
          const reason = `'userId ' || user_id || ' belongs to an account created by sign-up: not imported'`;
          const signedUp = 'SELECT id FROM merge_taken_users';
          takenRows.ratings = await count(
            `WITH gone AS (DELETE FROM ${T('ratings')} WHERE user_id IN (${signedUp}) RETURNING line, user_id, movie_id, rating, ts)
             INSERT INTO import_quarantine (dataset_version, file, line_number, raw_text, reason)
             SELECT $1, 'ratings', line, ${RATING_RAW}, ${reason} FROM gone ORDER BY line`,
            [version],
          );
          takenRows.tags = await count(
            `WITH gone AS (DELETE FROM ${T('tags')} WHERE user_id IN (${signedUp}) RETURNING line, raw, user_id)
             INSERT INTO import_quarantine (dataset_version, file, line_number, raw_text, reason)
             SELECT $1, 'tags', line, raw, ${reason} FROM gone ORDER BY line`,
            [version],
          );
          log(
            `merge ${importId}: ${taken} user ids belong to signed-up accounts: ${takenRows.ratings} ratings and ${takenRows.tags} tags quarantined`,
          );
        }
        const inserted = await count(`INSERT INTO users (id, source)
        SELECT id, 'MOVIELENS' FROM merge_users m WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.id) ORDER BY id`);
        return { inserted };
      });

      // ---- ratings
      let ratingTally: RatingTally | undefined;
      const ratingsCheckpoint = staged.get('ratings')!.checkpoint;
      const ratingsStaged = ratingsCheckpoint.staged - takenRows.ratings;
      const ratings = await timed('ratings', async () => {
        // Into an empty table, a big load is far faster with the indexes and foreign keys built afterwards.
        const rebuild = ratingsStaged >= bulkLoadMinRows ? await deferIndexesIfEmpty(client, 'ratings', log) : undefined;
        let result: Upserted & { duplicates: number; winners: number };
        if (rebuild) {
          // Empty table without keys: the winners go in with one statement, in key order (the primary key build
          // then reads presorted input). Staged keys strictly increasing (as in every MovieLens file): no
          // duplicates, no sort. Otherwise one sort: DISTINCT ON keeps the latest timestamp, then the last line.
          const winners = ratingsCheckpoint.sorted
            ? `SELECT user_id, movie_id, rating, to_timestamp(ts) FROM ${T('ratings')}`
            : `SELECT DISTINCT ON (user_id, movie_id) user_id, movie_id, rating, to_timestamp(ts) FROM ${T('ratings')}
             ORDER BY user_id, movie_id, ts DESC, line DESC`;
          // Through COPY, the rows pass this process: the rating stats are added up on the way.
          ratingTally = openReader ? new RatingTally() : undefined;
          const inserted = await timed('ratings load', () =>
            loadInto(client, 'ratings (user_id, movie_id, rating, rated_at)', winners, openReader, ratingTally),
          );
          if (ratingTally && ratingTally.tuples !== inserted)
            throw new Error(`merge of import ${importId}: ${ratingTally.tuples} ratings tallied, ${inserted} loaded`);
          const duplicates = ratingsStaged - inserted;
          if (duplicates < 0 || (ratingsCheckpoint.sorted && duplicates !== 0))
            throw new Error(`merge of import ${importId}: ${inserted} ratings loaded from ${ratingsStaged} staged`);
          if (duplicates > 0) {
            const quarantined = await count(
              `INSERT INTO import_quarantine (dataset_version, file, line_number, raw_text, reason)
             SELECT $1, 'ratings', line, ${RATING_RAW}, ${RATING_DUPLICATE_REASON}
             FROM (SELECT line, user_id, movie_id, rating, ts, row_number() OVER w AS rn, first_value(line) OVER w AS kept_line
                   FROM ${T('ratings')} WINDOW w AS (PARTITION BY user_id, movie_id ORDER BY ts DESC, line DESC)) ranked
             WHERE rn > 1 ORDER BY line`,
              [version],
            );
            if (quarantined !== duplicates)
              throw new Error(`merge of import ${importId}: ${quarantined} duplicate ratings quarantined, ${duplicates} expected`);
          }
          result = { winners: inserted, duplicates, inserted, updated: 0 };
          await rebuild();
        } else {
          const upsert = (source: string) => `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
            SELECT user_id, movie_id, rating, to_timestamp(ts) FROM ${source}
            ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
            WHERE (ratings.rating, ratings.rated_at) IS DISTINCT FROM (excluded.rating, excluded.rated_at)
            RETURNING (xmax = 0) AS inserted`;
          if (ratingsCheckpoint.sorted) {
            // Staged keys are strictly increasing (as in MovieLens files): no duplicates, no sort needed.
            const upserted = await one<Upserted>(`WITH up AS (${upsert(T('ratings'))})
            SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`);
            result = { winners: ratingsStaged, duplicates: 0, ...upserted };
          } else {
            result = await one<Upserted & { duplicates: number; winners: number }>(
              `WITH ranked AS MATERIALIZED (
               SELECT line, user_id, movie_id, rating, ts, row_number() OVER w AS rn, first_value(line) OVER w AS kept_line
               FROM ${T('ratings')} WINDOW w AS (PARTITION BY user_id, movie_id ORDER BY ts DESC, line DESC)),
             winners AS (SELECT user_id, movie_id, rating, ts FROM ranked WHERE rn = 1 ORDER BY user_id, movie_id),
             dups AS (
               INSERT INTO import_quarantine (dataset_version, file, line_number, raw_text, reason)
               SELECT $1, 'ratings', line, ${RATING_RAW}, ${RATING_DUPLICATE_REASON}
               FROM ranked WHERE rn > 1 ORDER BY line
               RETURNING 1),
             up AS (${upsert('winners')})
             SELECT (SELECT count(*) FROM dups)::int AS duplicates, (SELECT count(*) FROM ranked WHERE rn = 1)::int AS winners,
                    count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
              [version],
            );
          }
        }
        return result;
      });

      // ---- tags
      const tags = await timed('tags', async () => {
        await client.query(`CREATE TEMP TABLE merge_tags ON COMMIT DROP AS
        SELECT line, raw, user_id, movie_id, tag, ts, row_number() OVER w AS rn, first_value(line) OVER w AS kept_line
        FROM ${T('tags')} WINDOW w AS (PARTITION BY user_id, movie_id, tag_key ORDER BY ts, line)`);
        const winners = await count('SELECT 1 FROM merge_tags WHERE rn = 1');
        const duplicates = await count(
          `INSERT INTO import_quarantine (dataset_version, file, line_number, raw_text, reason)
         SELECT $1, 'tags', line, raw, 'duplicate tag of movieId ' || movie_id || ' by userId ' || user_id || ' (case-insensitive): superseded by line ' || kept_line || ' (earliest wins)'
         FROM merge_tags WHERE rn > 1 ORDER BY line`,
          [version],
        );
        const rebuild = winners >= bulkLoadMinRows ? await deferIndexesIfEmpty(client, 'tags', log) : undefined;
        if (!rebuild) await client.query('ANALYZE merge_tags'); // for the joins with tags below
        const updated = rebuild
          ? 0
          : await count(`UPDATE tags t SET created_at = to_timestamp(m.ts) FROM merge_tags m
            WHERE m.rn = 1 AND t.user_id = m.user_id AND t.movie_id = m.movie_id AND t.tag = m.tag AND t.created_at IS DISTINCT FROM to_timestamp(m.ts)`);
        const inserted = await count(`INSERT INTO tags (user_id, movie_id, tag, created_at)
        SELECT user_id, movie_id, tag, to_timestamp(ts) FROM merge_tags m
        WHERE rn = 1 ${rebuild ? '' : 'AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.user_id = m.user_id AND t.movie_id = m.movie_id AND t.tag = m.tag)'}
        ORDER BY line ${rebuild ? '' : 'ON CONFLICT DO NOTHING'}`);
        if (rebuild) await rebuild();
        return { winners, duplicates, inserted, updated };
      });

      const merged = { movies, links, ratings, tags };
      const files = Object.fromEntries(
        MOVIELENS_FILES.map((file) => {
          const checkpoint = staged.get(file)!.checkpoint;
          const m = merged[file];
          const stats: MovieLensFileStats = {
            rowsRead: checkpoint.rowsRead,
            bytesRead: checkpoint.byteOffset,
            totalBytes: Number(staged.get(file)!.total_bytes),
            blankLines: checkpoint.blankLines,
            loaded: m.inserted,
            updated: m.updated,
            unchanged: m.winners - m.inserted - m.updated,
            rejected: checkpoint.rejected + takenRows[file] + m.duplicates,
            duplicates: m.duplicates,
          };
          return [file, stats];
        }),
      ) as Record<MovieLensFile, MovieLensFileStats>;
      const result: ImportMovieLensResult = { datasetVersion: version, importId, files, genres, movieGenres, users };

      for (const file of MOVIELENS_FILES) {
        await client.query(
          `UPDATE dataset_import_files SET state = 'merged', stats = $3, updated_at = now() WHERE import_id = $1 AND file = $2`,
          [importId, file, files[file]],
        );
        await client.query(`DROP TABLE ${T(file)}`);
      }
      await client.query(`UPDATE dataset_imports SET status = 'DONE', finished_at = now(), stats = $2 WHERE id = $1`, [importId, result]);
      // The catalog's per-movie rating count and mean (maintained by the API between imports).
      await timed('rating stats', async () => {
        // After a load into an empty ratings table, its totals were added up on the way: no need to read it again.
        if (ratingTally) {
          const { movieIds, counts, sums } = ratingTally.totals();
          await client.query('SELECT set_movie_rating_stats($1, $2, $3)', [movieIds, counts, sums]);
        } else await client.query('SELECT refresh_movie_rating_stats()');
        await rebuildRatingStats?.();
      });
      mergedAt = Date.now();
      return result;
    },
    { settings: { work_mem: '256MB' } },
  );
  if (mergedAt === undefined) return outcome;
  log(`merge ${importId}: commit in ${Date.now() - mergedAt} ms`);
  // The catalog's pages read index-only scans and are planned from statistics: until autovacuum's next round
  // (up to a minute) they would pay heap visits and plans made for the old rows (2 to 3 times slower). VACUUM
  // cannot run in a transaction, so this follows the commit; it reads the catalog tables, not the ratings.
  await timed('vacuum catalog', () => client.query(`VACUUM (ANALYZE) ${CATALOG_TABLES.join(', ')}`));
  return outcome;
}

/** The tables of the catalog the merge writes (all but ratings), vacuumed and analyzed once it has committed. */
const CATALOG_TABLES = ['movies', 'genres', 'movie_genres', 'links', 'users', 'tags', 'movie_rating_stats'];

/** Staged ratings keep no raw text: the quarantine gets the line rebuilt from the values. */
const RATING_RAW = `concat_ws(',', user_id, movie_id, rating::numeric(3, 1), ts)`;
const RATING_DUPLICATE_REASON = `'duplicate rating of movieId ' || movie_id || ' by userId ' || user_id || ': superseded by line ' || kept_line || ' (latest timestamp wins)'`;

/**
 * INSERT INTO `target` the rows of `select` (on tables other sessions can read: staging) and returns how
 * many. With a second connection (`openReader`), the rows travel as `COPY (select) TO STDOUT` on it piped
 * through this process into `COPY target FROM STDIN` on `client`, in binary and with backpressure (a few
 * hundred kilobytes in flight). COPY inserts rows a page at a time: about 2.5 times less WAL than the
 * row-at-a-time INSERT … SELECT, and a third less time for 25M ratings. The binary COPY data passes
 * `through` on its way (RatingTally reads it). Without a second connection, INSERT … SELECT.
 */
async function loadInto(
  client: PoolClient,
  target: string,
  select: string,
  openReader?: () => Promise<PoolClient>,
  through: Transform = new PassThrough(),
): Promise<number> {
  if (!openReader) return (await client.query(`INSERT INTO ${target} ${select}`)).rowCount ?? 0;
  const reader = await openReader();
  // A lost connection fails the COPY below; without a listener, its 'error' event would also end the process.
  const onLost = () => undefined;
  reader.on('error', onLost);
  let healthy = false;
  try {
    // work_mem for a sort in `select` (DISTINCT ON of unsorted ratings); the snapshot sees committed staging.
    const loaded = await inTransaction(
      reader,
      async () => {
        const into = client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT binary)`));
        await pipeline(reader.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`)), through, into);
        return into.rowCount;
      },
      { readOnly: true, settings: { work_mem: '256MB' } },
    );
    healthy = true;
    return loaded;
  } finally {
    reader.off('error', onLost);
    // After a failure the reader may be mid-COPY: close it rather than return it to the pool.
    reader.release(healthy ? undefined : true);
  }
}

/**
 * Bulk load of an empty table: inserting 25M rows one index entry and one foreign-key check at a time is
 * several times slower than building the indexes and validating the foreign keys once at the end. If
 * `table` is empty, this locks it (ACCESS EXCLUSIVE until the merge commits: readers of the empty table wait
 * instead of watching it fill; dropping a foreign key locks the table it references as well), drops its
 * foreign keys and indexes, and returns a function that recreates them from their catalog definitions, so
 * the result is exactly the migrated schema. `keep`:
 * - 'nothing' drops the primary key and unique constraints too (rows must then arrive without duplicates);
 *   returns undefined when another table references `table`;
 * - 'keys' keeps them, for tables other tables reference (movies) or upserts need (ON CONFLICT).
 * CHECK constraints stay. Returns undefined (nothing changed) when the table has rows. All of it happens
 * inside the merge transaction: a failure or a crash rolls it back.
 */
async function deferIndexesIfEmpty(
  client: PoolClient,
  table: 'ratings' | 'tags' | 'movie_genres' | 'movies' | 'links' | 'movie_rating_stats',
  log: (message: string) => void,
  keep: 'nothing' | 'keys' = 'nothing',
): Promise<(() => Promise<void>) | undefined> {
  const empty = async () => (await client.query(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`)).rows[0].empty as boolean;
  if (!(await empty())) return undefined;
  if (keep === 'nothing') {
    const { rows: referenced } = await client.query(`SELECT 1 FROM pg_constraint WHERE confrelid = $1::regclass LIMIT 1`, [table]);
    if (referenced.length) return undefined;
  }
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  if (!(await empty())) return undefined;

  const { rows: constraints } = await client.query<{ name: string; definition: string; type: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition, contype AS type FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype = ANY($2) ORDER BY contype DESC, conname`,
    [table, keep === 'keys' ? ['f'] : ['p', 'u', 'f', 'x']],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
     ORDER BY i.relname`,
    [table],
  );
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  if (constraints.length)
    await client.query(`ALTER TABLE ${table} ${constraints.map((c) => `DROP CONSTRAINT ${ident(c.name)}`).join(', ')}`);
  for (const index of indexes) await client.query(`DROP INDEX ${ident(index.name)}`);

  return async () => {
    const started = Date.now();
    const step = async (name: string, sql: string) => {
      const stepStarted = Date.now();
      await client.query(sql);
      log(`${table} rebuild: ${name} in ${Date.now() - stepStarted} ms`);
    };
    // Sorts of 25M index entries stay (nearly) in memory; parallel builds split this between their workers.
    await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    const keys = constraints.filter((c) => c.type !== 'f');
    const foreignKeys = constraints.filter((c) => c.type === 'f');
    for (const constraint of keys)
      await step(constraint.name, `ALTER TABLE ${table} ADD CONSTRAINT ${ident(constraint.name)} ${constraint.definition}`);
    for (const index of indexes) await step(index.name, index.definition);
    for (const constraint of foreignKeys)
      await step(constraint.name, `ALTER TABLE ${table} ADD CONSTRAINT ${ident(constraint.name)} ${constraint.definition}`);
    // The catalog tables are analyzed once the merge has committed (with their VACUUM).
    if (!CATALOG_TABLES.includes(table)) await step('analyze', `ANALYZE ${table}`);
    log(`${table} bulk load: ${constraints.length} constraints and ${indexes.length} indexes rebuilt in ${Date.now() - started} ms`);
  };
}
