import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { HealthGQL, HealthQuery } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { FormatDatePipe } from '../shared/format-date';
import { FormatNumberPipe } from '../shared/format-number';

type ServiceHealth = HealthQuery['health']['services'][number] & { readonly label: string };

type HealthState =
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      readonly ok: boolean;
      readonly checkedAt: string;
      readonly services: readonly ServiceHealth[];
    }
  | { readonly status: 'error'; readonly message: string };

const SERVICE_LABELS: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL',
  temporal: 'Temporal',
  s3: 'Object storage (S3)',
};

function readyState(health: HealthQuery['health']): HealthState {
  return {
    status: 'ready',
    ok: health.ok,
    checkedAt: health.checkedAt,
    services: health.services.map((service) => ({
      ...service,
      label: SERVICE_LABELS[service.name] ?? service.name,
    })),
  };
}

/** "System status" card: runs the `health` query and shows each backing service. */
@Component({
  selector: 'rr-health-card',
  imports: [FormatDatePipe, FormatNumberPipe, Icon],
  templateUrl: './health-card.html',
  styleUrl: './health-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HealthCard {
  private readonly healthGql = inject(HealthGQL);
  private readonly reload = new Subject<void>();

  protected readonly state = toSignal(
    this.reload.pipe(
      startWith(undefined),
      switchMap(() =>
        this.healthGql.fetch({ fetchPolicy: 'network-only' }).pipe(
          map(({ data }): HealthState => (data ? readyState(data.health) : { status: 'error', message: 'The API returned no data.' })),
          catchError((error: unknown) =>
            of<HealthState>({
              status: 'error',
              message: error instanceof Error ? error.message : 'Unknown error',
            }),
          ),
          startWith<HealthState>({ status: 'loading' }),
        ),
      ),
    ),
    { requireSync: true },
  );

  protected retry(): void {
    this.reload.next();
  }
}
