// Recommender retraining contracts. The workflows are exported through ../workflows, the activity interface through ../activities.
export * from './evaluation';
export * from './metrics';
export * from './model-version';
export * from './retrain';
export * from './promotion';
export * from './tuning';
export * from './coordinator';
export * from './client';
