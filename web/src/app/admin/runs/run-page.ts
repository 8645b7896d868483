import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Observable, Subject, catchError, combineLatest, map, of, startWith, switchMap, timer } from 'rxjs';
import { EmptyState } from '../../empty-state/empty-state';
import { LoadError } from '../../empty-state/load-error';
import { PipelineRunDetailsGQL, PipelineRunQuarantineGQL, type PipelineRunQuarantineQuery } from '../../graphql/generated';
import { Icon } from '../../icon/icon';
import { apiError, errorMessage } from '../../shared/api-error';
import { FormatDatePipe } from '../../shared/format-date';
import { formatBytes, formatCount } from '../admin-format';
import { PIPELINE_POLL_MS } from '../pipelines/pipelines-page';
import { isRunning, runDuration, statusLabel, typeLabel } from '../pipelines/pipeline-runs';
import { QuarantineDownload } from './quarantine-download';
import {
  ANY_ROWS,
  IMPORT_FILES,
  importFileRows,
  quarantineFilter,
  quarantinedIn,
  reasonChoices,
  type ImportFile,
  type QuarantineChoice,
  type RunDetails,
} from './run-details';

/** Quarantined rows per page. */
export const QUARANTINE_PAGE_SIZE = 25;

type RunState =
  | { readonly status: 'loading' }
  | { readonly status: 'not-found'; readonly workflowId: string }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly run: RunDetails; readonly now: number };

type QuarantinePage = NonNullable<NonNullable<PipelineRunQuarantineQuery['pipelineRun']>['quarantinedRows']>;
type QuarantineState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly page: QuarantinePage };

const LOADING = { status: 'loading' } as const;

/** Which page of the quarantine: the filters and the cursors of the pages before it. */
interface QuarantineView {
  readonly choice: QuarantineChoice;
  readonly after: readonly string[];
}

/**
 * Admin › Pipelines › one run (`/admin/runs/:workflowId`): its status, timings and failure reason, the
 * per-file figures of an import (or the stages of a pipeline), and the rows the import quarantined: filtered by
 * file and reason, paginated, downloadable as CSV. Refreshes every PIPELINE_POLL_MS while the run runs.
 */
@Component({
  selector: 'rr-run-page',
  imports: [FormatDatePipe, MatButtonModule, MatFormFieldModule, MatSelectModule, RouterLink, EmptyState, LoadError, Icon],
  templateUrl: './run-page.html',
  styleUrl: './run-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunPage {
  private readonly details = inject(PipelineRunDetailsGQL);
  private readonly quarantineRows = inject(PipelineRunQuarantineGQL);
  private readonly downloads = inject(QuarantineDownload);
  private readonly title = inject(Title);
  private readonly pollMs = inject(PIPELINE_POLL_MS);
  private readonly reload = new Subject<boolean>();
  private readonly reloadRows = new Subject<void>();

  protected readonly files = IMPORT_FILES;
  protected readonly typeLabel = typeLabel;
  protected readonly statusLabel = statusLabel;
  protected readonly count = formatCount;
  protected readonly bytes = formatBytes;
  protected readonly pageSize = QUARANTINE_PAGE_SIZE;

  private readonly workflowId$ = inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('workflowId') ?? ''));

  protected readonly state = toSignal(
    combineLatest([this.workflowId$, this.reload.pipe(startWith(true))]).pipe(
      switchMap(([workflowId, showLoading]) => {
        const request = this.watch(workflowId);
        return showLoading ? request.pipe(startWith(LOADING)) : request;
      }),
    ),
    { initialValue: LOADING as RunState },
  );

  private readonly run = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.run : null;
  });
  protected readonly stages = computed(() => {
    const run = this.run();
    return run ? importFileRows(run) : [];
  });
  protected readonly pipelineStages = computed(() => {
    const details = this.run()?.progressDetails;
    return details?.__typename === 'PipelineProgress' ? details.stages : [];
  });
  protected readonly counts = computed(() => this.run()?.quarantineCounts ?? null);

  protected readonly view = signal<QuarantineView>({ choice: ANY_ROWS, after: [] });
  protected readonly reasons = computed(() => reasonChoices(this.counts() ?? [], this.view().choice.file));
  protected readonly quarantinedTotal = computed(() => quarantinedIn(this.counts() ?? [], null));
  protected readonly quarantinedInFile = (file: ImportFile) => quarantinedIn(this.counts() ?? [], file);

  /** Rows of the current view, once the run is known to have a quarantine. */
  protected readonly quarantine = toSignal(
    combineLatest([
      this.workflowId$,
      toObservable(this.view),
      toObservable(computed(() => this.counts() !== null)),
      this.reloadRows.pipe(startWith(undefined)),
    ]).pipe(
      switchMap(([workflowId, view, hasQuarantine]) =>
        hasQuarantine ? this.fetchRows(workflowId, view).pipe(startWith(LOADING)) : of(LOADING),
      ),
    ),
    { initialValue: LOADING as QuarantineState },
  );

  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const state = this.state();
      if (state.status === 'ready') this.title.setTitle(`${typeLabel(state.run.type)} ${state.run.workflowId} · Admin · Reelrank`);
    });
  }

  protected retry(): void {
    this.reload.next(this.state().status === 'error');
  }

  protected retryRows(): void {
    this.reloadRows.next();
  }

  protected duration(run: RunDetails, now: number): string {
    return runDuration(run, now);
  }

  protected setFile(file: ImportFile | null): void {
    // A reason of another file may not exist in this one.
    const reason = this.view().choice.reason;
    const keep = reason && reasonChoices(this.counts() ?? [], file).some((choice) => choice.reason === reason) ? reason : null;
    this.view.set({ choice: { file, reason: keep }, after: [] });
  }

  protected setReason(reason: string | null): void {
    this.view.update((view) => ({ choice: { ...view.choice, reason }, after: [] }));
  }

  protected clearFilters(): void {
    this.view.set({ choice: ANY_ROWS, after: [] });
  }

  protected nextPage(cursor: string | null): void {
    if (cursor) this.view.update((view) => ({ ...view, after: [...view.after, cursor] }));
  }

  protected previousPage(): void {
    this.view.update((view) => ({ ...view, after: view.after.slice(0, -1) }));
  }

  protected async download(): Promise<void> {
    const run = this.run();
    if (!run?.datasetVersion || this.downloading()) return;
    this.downloadError.set(null);
    this.downloading.set(true);
    try {
      await this.downloads.download(run.datasetVersion, this.view().choice);
    } catch (error) {
      this.downloadError.set(`Couldn't download the rows. ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.downloading.set(false);
    }
  }

  /** The run, then while it runs a fresh copy every PIPELINE_POLL_MS until it has closed. */
  private watch(workflowId: string): Observable<RunState> {
    return this.fetchRun(workflowId).pipe(
      switchMap((state) =>
        state.status === 'ready' && isRunning(state.run)
          ? timer(this.pollMs).pipe(
              switchMap(() => this.watch(workflowId)),
              startWith(state),
            )
          : of(state),
      ),
    );
  }

  private fetchRun(workflowId: string): Observable<RunState> {
    return this.details.fetch({ variables: { workflowId }, fetchPolicy: 'no-cache' }).pipe(
      map(({ data }): RunState => {
        if (!data?.pipelineRun) return { status: 'error', message: 'The API returned no data.' };
        return { status: 'ready', run: data.pipelineRun, now: Date.now() };
      }),
      catchError((error: unknown) =>
        of<RunState>(
          apiError(error).code === 'NOT_FOUND' ? { status: 'not-found', workflowId } : { status: 'error', message: errorMessage(error) },
        ),
      ),
    );
  }

  private fetchRows(workflowId: string, view: QuarantineView): Observable<QuarantineState> {
    return this.quarantineRows
      .fetch({
        variables: { workflowId, first: QUARANTINE_PAGE_SIZE, after: view.after.at(-1) ?? null, filter: quarantineFilter(view.choice) },
        fetchPolicy: 'no-cache',
      })
      .pipe(
        map(({ data }): QuarantineState => {
          const page = data?.pipelineRun?.quarantinedRows;
          return page ? { status: 'ready', page } : { status: 'error', message: 'The API returned no data.' };
        }),
        catchError((error: unknown) => of<QuarantineState>({ status: 'error', message: errorMessage(error) })),
      );
  }
}
