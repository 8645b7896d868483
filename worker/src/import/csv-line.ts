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
    return parseQuoted(line)[0] ?? [''];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: `broken quoting: ${message.split(':')[0]}` };
  }
}

/**
 * parseCsvLine of each line, with one csv-parse call for all the lines that have quotes (a call per line
 * costs more than the parsing: a tenth of movies.csv is quoted titles). When that call fails or gives
 * another number of records (an unclosed quote joined lines), the quoted lines are parsed one by one,
 * so only a broken line is reported broken.
 */
export function parseCsvLines(lines: readonly string[]): (string[] | BrokenCsvLine)[] {
  const parsed: (string[] | BrokenCsvLine)[] = new Array(lines.length);
  const quoted: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].indexOf('"') === -1) parsed[i] = lines[i].split(',');
    else quoted.push(i);
  }
  if (quoted.length > 1) {
    try {
      const records = parseQuoted(quoted.map((i) => lines[i]).join('\n'));
      if (records.length === quoted.length) {
        quoted.forEach((line, i) => (parsed[line] = records[i]));
        return parsed;
      }
    } catch {
      // a broken line among them: found below
    }
  }
  for (const i of quoted) parsed[i] = parseCsvLine(lines[i]);
  return parsed;
}

/** Lines never contain LF; a CR inside a line is data, not a record end. */
const parseQuoted = (text: string) =>
  parse(text, { relax_column_count: true, relax_quotes: false, skip_empty_lines: false, record_delimiter: '\n' }) as string[][];

export const isBroken = (parsed: string[] | BrokenCsvLine): parsed is BrokenCsvLine => !Array.isArray(parsed);
