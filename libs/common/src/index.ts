export * from './env';
export * from './s3';
export * from './probe';
