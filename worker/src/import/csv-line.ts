import { parse } from 'csv-parse/sync';

/** A line that is not valid CSV (e.g. an unclosed quote), with csv-parse's explanation. */
export interface BrokenCsvLine {
  error: string;
}

/**
 * Splits one physical line into CSV fields.
 *
 * MovieLens records never span lines, so files are split into lines first (which gives exact byte
 * offsets for resuming and line numbers for the quarantine) and each line is parsed on its own: a
 * broken quote then spoils only its own line instead of swallowing the rest of the file, as it would
 * in a streaming CSV parser. Lines without a double quote (every rating, most other rows) are split on
 * commas directly; the others go through csv-parse (RFC 4180, strict quotes).
 */
export function parseCsvLine(line: string): string[] | BrokenCsvLine {
  if (line.indexOf('"') === -1) return line.split(',');
  try {
    const records = parse(line, { relax_column_count: true, relax_quotes: false, skip_empty_lines: false }) as string[][];
    return records[0] ?? [''];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: `broken quoting: ${message.split(':')[0]}` };
  }
}

export const isBroken = (parsed: string[] | BrokenCsvLine): parsed is BrokenCsvLine => !Array.isArray(parsed);
