import type { ImportFileFieldsFragment, PipelineRunDetailsQuery, QuarantineFilter } from '../../graphql/generated';

export type RunDetails = NonNullable<PipelineRunDetailsQuery['pipelineRun']>;
export type QuarantineCount = NonNullable<RunDetails['quarantineCounts']>[number];

/** The files of an import, in load order, with their labels. */
export const IMPORT_FILES = [
  { value: 'movies', label: 'movies.csv' },
  { value: 'links', label: 'links.csv' },
  { value: 'tags', label: 'tags.csv' },
  { value: 'ratings', label: 'ratings.csv' },
] as const;
export type ImportFile = (typeof IMPORT_FILES)[number]['value'];

export interface ImportFileRow extends ImportFileFieldsFragment {
  readonly file: ImportFile;
  readonly label: string;
}

/** The per-file figures of an import run's progress, in load order; empty for other runs. */
export function importFileRows(run: RunDetails): ImportFileRow[] {
  const details = run.progressDetails;
  if (details?.__typename !== 'ImportProgress') return [];
  return IMPORT_FILES.map(({ value, label }) => ({ ...details.files[value], file: value, label }));
}

/** The quarantine filters as chosen on the page (null: any). */
export interface QuarantineChoice {
  readonly file: ImportFile | null;
  readonly reason: string | null;
}

export const ANY_ROWS: QuarantineChoice = { file: null, reason: null };

/** The reasons to pick from (with their rows) among `counts`, of one file or of every file. */
export function reasonChoices(counts: readonly QuarantineCount[], file: ImportFile | null): { reason: string; rows: number }[] {
  const rows = new Map<string, number>();
  for (const count of counts) if (!file || count.file === file) rows.set(count.reason, (rows.get(count.reason) ?? 0) + count.rows);
  return [...rows].map(([reason, total]) => ({ reason, rows: total })).sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
}

/** Rows quarantined from one file (every file when null). */
export const quarantinedIn = (counts: readonly QuarantineCount[], file: ImportFile | null): number =>
  counts.filter((count) => !file || count.file === file).reduce((sum, count) => sum + count.rows, 0);

/** The `quarantinedRows` filter argument. */
export function quarantineFilter(choice: QuarantineChoice): QuarantineFilter {
  return { ...(choice.file ? { file: choice.file } : {}), ...(choice.reason ? { reason: choice.reason } : {}) };
}

/** The API's CSV export of the quarantined rows of a dataset version (api/src/pipelines/quarantine-export.controller.ts). */
export function quarantineCsvUrl(datasetVersion: string, choice: QuarantineChoice): string {
  const query = new URLSearchParams(quarantineFilter(choice) as Record<string, string>).toString();
  return `/api/admin/datasets/${encodeURIComponent(datasetVersion)}/quarantine.csv${query ? `?${query}` : ''}`;
}
