/**
 * Activity contracts. Workflows import these types only; the worker implements them.
 */
export interface DependencyProbe {
  name: string;
  up: boolean;
  latencyMs: number;
  error?: string;
}

export interface SystemActivities {
  /** Checks that the worker reaches PostgreSQL and object storage. */
  probeDependencies(): Promise<DependencyProbe[]>;
}
export * from './import/activities';
export * from './enrichment/activities';
export * from './training/activities';
