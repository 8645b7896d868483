export * from './s3';
export * from './object-storage';
export * from './model-store';
