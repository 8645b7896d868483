export * from './object-storage';
export * from './model-store';
