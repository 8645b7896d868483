import { ChangeDetectionStrategy, Component, InjectionToken, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Observable, Subject, catchError, concat, distinctUntilChanged, map, of, startWith, switchMap, firstValueFrom, timer } from 'rxjs';
import { EmptyState } from '../../empty-state/empty-state';
import { LoadError } from '../../empty-state/load-error';
import { CancelPipelineRunGQL, PipelineRunsGQL } from '../../graphql/generated';
import { Icon } from '../../icon/icon';
import { errorMessage } from '../../shared/api-error';
import { confirm } from '../confirm-dialog';
import {
  NO_FILTERS,
  RUN_STATUSES,
  RUN_TYPES,
  isRunning,
  mergeLive,
  runDuration,
  runFiltersFromParams,
  runFiltersToParams,
  runsFilter,
  sameRunFilters,
  statusLabel,
  typeLabel,
  type PipelineRun,
  type RunFilters,
} from './pipeline-runs';
import { StartRuns } from './start-runs';
import { DatasetVersions } from './dataset-versions';
import { FormatDatePipe } from '../../shared/format-date';

/** How often the running runs are polled for progress. */
export const PIPELINE_POLL_MS = new InjectionToken<number>('PIPELINE_POLL_MS', { factory: () => 2000 });
/** Runs listed, newest first. */
export const RUNS_PAGE_SIZE = 25;

type RunsState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly runs: readonly PipelineRun[];
      /** Durations of running runs are measured to this time (the last update). */
      readonly now: number;
      /** The last live update failed: the list may be stale, polling has stopped. */
      readonly refreshError: string | null;
    };

const LOADING: RunsState = { status: 'loading' };

/**
 * Admin › Pipelines: the Temporal runs of the data and training pipelines with filters (in the URL),
 * live progress of running runs (polled every PIPELINE_POLL_MS while any runs, only those), a link
 * to each run in the Temporal UI, cancel with a confirmation, the start controls, and the dataset versions
 * in the raw zone.
 */
@Component({
  selector: 'rr-pipelines-page',
  imports: [
    FormatDatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    EmptyState,
    LoadError,
    Icon,
    StartRuns,
    DatasetVersions,
  ],
  templateUrl: './pipelines-page.html',
  styleUrl: './pipelines-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PipelinesPage {
  private readonly pipelineRuns = inject(PipelineRunsGQL);
  private readonly cancelRun = inject(CancelPipelineRunGQL);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly pollMs = inject(PIPELINE_POLL_MS);
  /** Reload the list; `quiet` keeps showing the current one meanwhile. */
  private readonly reload = new Subject<'quiet' | 'loading'>();

  protected readonly types = RUN_TYPES;
  protected readonly statuses = RUN_STATUSES;
  protected readonly typeLabel = typeLabel;
  protected readonly statusLabel = statusLabel;
  protected readonly isRunning = isRunning;
  protected readonly skeletons = [0, 1, 2, 3];

  private readonly filters$ = this.route.queryParamMap.pipe(map(runFiltersFromParams), distinctUntilChanged(sameRunFilters));
  protected readonly filters = toSignal(this.filters$, { initialValue: NO_FILTERS });

  protected readonly state = toSignal(
    this.filters$.pipe(
      switchMap((filters) =>
        this.reload.pipe(
          startWith('loading' as const),
          switchMap((mode) => (mode === 'loading' ? this.watch(filters).pipe(startWith(LOADING)) : this.watch(filters))),
        ),
      ),
    ),
    { initialValue: LOADING },
  );
  /** Workflow ids with a cancellation on its way. */
  protected readonly cancelling = signal<ReadonlySet<string>>(new Set());
  protected readonly actionError = signal<string | null>(null);

  protected setFilter(patch: Partial<RunFilters>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: runFiltersToParams({ ...this.filters(), ...patch }),
      replaceUrl: true,
    });
  }

  protected retry(): void {
    this.reload.next(this.state().status === 'error' ? 'loading' : 'quiet');
  }

  protected refresh(): void {
    this.reload.next('quiet');
  }

  protected onStarted(run: PipelineRun): void {
    this.snackBar.open(`Started ${typeLabel(run.type).toLowerCase()}: ${run.workflowId}`, 'OK', { duration: 5000 });
    this.reload.next('quiet');
  }

  /** "42%", "…" while unknown. */
  protected percent(progress: number | null): string {
    return progress === null ? '…' : `${Math.round(progress * 100)}%`;
  }

  protected duration(run: PipelineRun, now: number): string {
    return runDuration(run, now);
  }

  protected async cancel(run: PipelineRun): Promise<void> {
    const confirmed = await confirm(this.dialog, {
      title: 'Cancel this run?',
      message: `${typeLabel(run.type)} ${run.workflowId} stops at its next checkpoint, with any child workflows. This cannot be undone.`,
      confirm: 'Cancel run',
      dismiss: 'Keep running',
      destructive: true,
    });
    if (!confirmed) return;
    this.actionError.set(null);
    this.cancelling.update((ids) => new Set([...ids, run.workflowId]));
    try {
      await firstValueFrom(this.cancelRun.mutate({ variables: { workflowId: run.workflowId } }));
      this.snackBar.open(`Cancellation requested for ${run.workflowId}.`, 'OK', { duration: 5000 });
      this.reload.next('quiet');
    } catch (error) {
      this.actionError.set(`Couldn't cancel ${run.workflowId}. ${errorMessage(error)}`);
    } finally {
      this.cancelling.update((ids) => new Set([...ids].filter((id) => id !== run.workflowId)));
    }
  }

  /** The list, then (while runs are running) live updates of those runs until none is left. */
  private watch(filters: RunFilters): Observable<RunsState> {
    return this.fetch(filters).pipe(
      switchMap((runs) => this.poll(filters, runs)),
      catchError((error: unknown) => of<RunsState>({ status: 'error', message: errorMessage(error) })),
    );
  }

  private poll(filters: RunFilters, runs: readonly PipelineRun[]): Observable<RunsState> {
    const ready: RunsState = { status: 'ready', runs, now: Date.now(), refreshError: null };
    if (!runs.some(isRunning)) return of(ready);
    return concat(
      of(ready),
      timer(this.pollMs).pipe(
        // Only the running runs: each run's progress is a query to its workflow.
        switchMap(() => this.fetch({ ...filters, status: 'RUNNING' })),
        switchMap((live) => {
          const merged = mergeLive(runs, live);
          // A run finished: reload the list for its final status (and stop when nothing runs).
          return merged.settled ? this.fetch(filters) : of(merged.runs);
        }),
        switchMap((next) => this.poll(filters, next)),
        catchError((error: unknown) => of<RunsState>({ ...ready, refreshError: errorMessage(error) })),
      ),
    );
  }

  private fetch(filters: RunFilters): Observable<readonly PipelineRun[]> {
    return this.pipelineRuns.fetch({ variables: { filter: runsFilter(filters), first: RUNS_PAGE_SIZE }, fetchPolicy: 'no-cache' }).pipe(
      map(({ data }) => {
        if (!data) throw new Error('The API returned no data.');
        return data.pipelineRuns;
      }),
    );
  }
}
