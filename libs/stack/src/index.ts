export * from './download';
export * from './managed-process';
export * from './minio';
export * from './ports';
export * from './postgres';
export * from './private-files';
export * from './temporal';
export * from './tools';
