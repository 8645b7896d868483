export * from './env';
export * from './probe';
