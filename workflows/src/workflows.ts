/** Entry point the worker bundles: every workflow the worker registers. */
export * from './system-check.workflow';
