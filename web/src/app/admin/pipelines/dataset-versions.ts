import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Observable, Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { EmptyState } from '../../empty-state/empty-state';
import { LoadError } from '../../empty-state/load-error';
import { DatasetVersionsGQL, type DatasetVersionsQuery } from '../../graphql/generated';
import { Icon } from '../../icon/icon';
import { errorMessage } from '../../shared/api-error';
import { FormatDatePipe } from '../../shared/format-date';
import { formatBytes, formatCount } from '../admin-format';

export type DatasetVersion = DatasetVersionsQuery['datasetVersions'][number];

type VersionsState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly versions: readonly DatasetVersion[] };

/** Hex digits of a SHA-256 shown in the list; the full value is in the title. */
export const SHORT_SHA_LENGTH = 12;

const IMPORT_STATUS_LABELS: Readonly<Record<string, string>> = { RUNNING: 'Running', DONE: 'Done', FAILED: 'Failed' };

/**
 * Admin › Pipelines › Dataset versions: what the raw zone holds (`movielens/raw/<version>/`), each version's
 * files with their sizes, row counts and SHA-256, whether its last import read exactly these files, and that
 * import's status with a link to its run page.
 */
@Component({
  selector: 'rr-dataset-versions',
  imports: [FormatDatePipe, MatButtonModule, RouterLink, EmptyState, LoadError, Icon],
  templateUrl: './dataset-versions.html',
  styleUrl: './dataset-versions.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DatasetVersions {
  private readonly datasetVersions = inject(DatasetVersionsGQL);
  private readonly reload = new Subject<void>();

  protected readonly bytes = formatBytes;
  protected readonly count = formatCount;
  protected readonly shortShaLength = SHORT_SHA_LENGTH;
  protected readonly skeletons = [0, 1];

  protected readonly state = toSignal(
    this.reload.pipe(
      startWith(undefined),
      switchMap(() => this.fetch().pipe(startWith<VersionsState>({ status: 'loading' }))),
    ),
    { initialValue: { status: 'loading' } as VersionsState },
  );

  protected refresh(): void {
    this.reload.next();
  }

  protected importStatusLabel(status: string): string {
    return IMPORT_STATUS_LABELS[status] ?? status;
  }

  private fetch(): Observable<VersionsState> {
    return this.datasetVersions.fetch({ fetchPolicy: 'no-cache' }).pipe(
      map(({ data }): VersionsState => {
        if (!data) throw new Error('The API returned no data.');
        return { status: 'ready', versions: data.datasetVersions };
      }),
      catchError((error: unknown) => of<VersionsState>({ status: 'error', message: errorMessage(error) })),
    );
  }
}
