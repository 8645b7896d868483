import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { HealthCard } from './health-card';

const HEALTH = {
  health: {
    __typename: 'Health',
    ok: false,
    checkedAt: '2026-01-01T12:00:00.000Z',
    services: [
      { __typename: 'ServiceHealth', name: 'postgres', up: true, latencyMs: 12.4, error: null },
      { __typename: 'ServiceHealth', name: 'temporal', up: true, latencyMs: 31, error: null },
      {
        __typename: 'ServiceHealth',
        name: 's3',
        up: false,
        latencyMs: 2000,
        error: 'connect ECONNREFUSED',
      },
    ],
  },
};

describe('HealthCard', () => {
  let fixture: ComponentFixture<HealthCard>;
  let apollo: ApolloTestingController;

  const el = () => fixture.nativeElement as HTMLElement;
  const query = (testId: string) => el().querySelectorAll(`[data-testid="${testId}"]`);
  /** Apollo delivers results after a macrotask, outside Angular's pending-task tracking. */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [HealthCard, ApolloTestingModule] });
    apollo = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(HealthCard);
    await fixture.whenStable();
  });

  afterEach(() => apollo.verify());

  it('shows a skeleton while the health query is in flight', () => {
    const op = apollo.expectOne('Health');

    expect(query('health-skeleton')).toHaveLength(1);
    expect(el().querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(el().textContent).toContain('Checking services');
    expect(op.operation.variables).toEqual({});
  });

  it('lists every service with status and latency', async () => {
    apollo.expectOne('Health').flushData(HEALTH);
    await settle();

    expect(query('health-skeleton')).toHaveLength(0);
    const rows = Array.from(query('health-service'), (row) => Array.from(row.querySelectorAll('span'), (cell) => cell.textContent?.trim()));
    expect(rows).toEqual([
      ['PostgreSQL', 'Up', '12 ms'],
      ['Temporal', 'Up', '31 ms'],
      ['Object storage (S3)', 'Down', '2,000 ms', 'connect ECONNREFUSED'],
    ]);
    expect(query('health-service')[2].classList).toContain('down');
    expect(el().textContent).toContain('Some services are down');
    expect(el().querySelector('time')?.getAttribute('datetime')).toBe(HEALTH.health.checkedAt);
  });

  it('shows an error with a Retry button that runs the query again', async () => {
    apollo.expectOne('Health').networkError(new Error('Failed to fetch'));
    await settle();

    expect(query('health-error')).toHaveLength(1);
    expect(el().textContent).toContain("Can't reach the Reelrank API");
    expect(el().textContent).toContain('Failed to fetch');

    const retry = el().querySelector<HTMLButtonElement>('button.retry');
    expect(retry?.textContent?.trim()).toBe('Retry');
    retry?.click();
    await settle();

    expect(query('health-error')).toHaveLength(0);
    expect(query('health-skeleton')).toHaveLength(1);

    apollo.expectOne('Health').flushData({
      health: { ...HEALTH.health, ok: true, services: HEALTH.health.services.slice(0, 2) },
    });
    await settle();

    expect(query('health-service')).toHaveLength(2);
    expect(el().textContent).toContain('All systems operational');
  });
});
