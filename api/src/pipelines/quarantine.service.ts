import { Injectable } from '@nestjs/common';
import { Prisma } from '@reelrank/prisma';
import { MOVIELENS_FILES } from '@reelrank/workflows';
import { stringify } from 'csv-stringify';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decodeCursor, encodeCursor } from '../graphql/cursor';
import { badUserInput } from '../graphql/errors';
import { type ConnectionShape, toConnection } from '../graphql/pagination';
import { PrismaService } from '../prisma/prisma.service';
import type { QuarantineFilter } from './dto/quarantine.args';
import type { QuarantineCount, QuarantinedRow } from './models/quarantine.model';

/** The columns of the quarantine CSV, in order. */
export const QUARANTINE_CSV_COLUMNS = ['file', 'line', 'reason', 'raw'] as const;

/** Rows read per statement while a CSV export streams. */
const EXPORT_BATCH = 1000;
const CURSOR_KIND = 'quarantine';

/** Files in load order (movies first), the order rows are listed in. */
const FILE_RANK = Prisma.sql`array_position(ARRAY[${Prisma.join([...MOVIELENS_FILES])}]::text[], file)`;

/**
 * The reason without the values of its row, so rows quarantined for the same cause group together: quoted
 * values become "…", the ids after movieId/userId/line/byte become N, a byte in hex 0xHH.
 */
const REASON_KIND = Prisma.raw(
  String.raw`regexp_replace(regexp_replace(regexp_replace(reason, '"(?:[^"\\]|\\.)*"', '"…"', 'g'), '\m(movieId|userId|line|byte) -?\d+', '\1 N', 'g'), '0x[0-9A-Fa-f]{2}', '0xHH', 'g')`,
);

interface Position {
  rank: number;
  line: number;
  id: number;
}

interface StoredRow extends QuarantinedRow {
  id: number;
  rank: number;
}

/**
 * The rows an import set aside (import_quarantine), by dataset version: the quarantine holds the latest
 * import of each version (a new run of a version starts it over). Listed in file order (movies, links, tags,
 * ratings), then by line.
 */
@Injectable()
export class QuarantineService {
  constructor(private readonly prisma: PrismaService) {}

  async rows(
    datasetVersion: string,
    { first, after, filter }: { first: number; after?: string | null; filter?: QuarantineFilter | null },
  ): Promise<ConnectionShape<QuarantinedRow>> {
    const from = after ? decodePosition(after) : undefined;
    const rows = await this.page(datasetVersion, filter, from, first + 1);
    return toConnection(
      rows,
      first,
      ({ id, rank, ...row }) => ({ cursor: encodeCursor(CURSOR_KIND, { key: `${rank}:${row.lineNumber}`, id }), node: row }),
      async () => {
        const [{ count }] = await this.prisma.$queryRaw<{ count: number }[]>`
          SELECT count(*)::int AS count FROM import_quarantine WHERE ${where(datasetVersion, filter)}`;
        return count;
      },
    );
  }

  /** Rows per file and kind of reason, in file order, then by reason. */
  counts(datasetVersion: string): Promise<QuarantineCount[]> {
    return this.prisma.$queryRaw<QuarantineCount[]>`
      SELECT file, ${REASON_KIND} AS reason, count(*)::int AS rows
      FROM import_quarantine WHERE dataset_version = ${datasetVersion}
      GROUP BY file, 2 ORDER BY ${FILE_RANK}, 2`;
  }

  /** Streams the filtered rows as CSV (QUARANTINE_CSV_COLUMNS, header first) into `out`. */
  writeCsv(datasetVersion: string, filter: QuarantineFilter, out: Writable): Promise<void> {
    return pipeline(
      Readable.from(this.csvRows(datasetVersion, filter)),
      stringify({ header: true, columns: [...QUARANTINE_CSV_COLUMNS] }),
      out,
    );
  }

  private async *csvRows(
    datasetVersion: string,
    filter: QuarantineFilter,
  ): AsyncGenerator<Record<(typeof QUARANTINE_CSV_COLUMNS)[number], string | number>> {
    let from: Position | undefined;
    for (;;) {
      const rows = await this.page(datasetVersion, filter, from, EXPORT_BATCH);
      for (const row of rows) yield { file: row.file, line: row.lineNumber, reason: row.reason, raw: row.rawText };
      if (rows.length < EXPORT_BATCH) return;
      const last = rows[rows.length - 1];
      from = { rank: last.rank, line: last.lineNumber, id: last.id };
    }
  }

  private page(
    datasetVersion: string,
    filter: QuarantineFilter | null | undefined,
    from: Position | undefined,
    limit: number,
  ): Promise<StoredRow[]> {
    const after = from
      ? Prisma.sql`AND (${FILE_RANK}, line_number, id) > (${from.rank}::int, ${from.line}::int, ${from.id}::bigint)`
      : Prisma.empty;
    return this.prisma.$queryRaw<StoredRow[]>`
      SELECT id::int AS id, ${FILE_RANK} AS rank, file, line_number AS "lineNumber", raw_text AS "rawText", reason
      FROM import_quarantine
      WHERE ${where(datasetVersion, filter)} ${after}
      ORDER BY ${FILE_RANK}, line_number, id
      LIMIT ${limit}`;
  }
}

function where(datasetVersion: string, filter: QuarantineFilter | null | undefined): Prisma.Sql {
  const clauses = [Prisma.sql`dataset_version = ${datasetVersion}`];
  if (filter?.file) clauses.push(Prisma.sql`file = ${filter.file}`);
  if (filter?.reason) clauses.push(Prisma.sql`${REASON_KIND} = ${filter.reason}`);
  return Prisma.join(clauses, ' AND ');
}

/** The position of an `after` cursor: the file's rank and the line in its key, the row id. */
function decodePosition(cursor: string): Position {
  const { key, id } = decodeCursor(cursor, CURSOR_KIND, 'text');
  const match = /^([1-4]):(\d{1,10})$/.exec(key ?? '');
  if (!match || Number(match[2]) > 2 ** 31 - 1) throw badUserInput('after', 'is not a valid cursor for this list and order');
  return { rank: Number(match[1]), line: Number(match[2]), id };
}
