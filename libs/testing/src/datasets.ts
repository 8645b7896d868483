import { resolve } from 'node:path';

/** The reference datasets in `../shared/datasets` beside the repository (as in CI). */
export const SHARED_DATASETS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
export const ML_LATEST_SMALL = resolve(SHARED_DATASETS, 'ml-latest-small');
