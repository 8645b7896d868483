export * from './infrastructure.module';
export * from './object-storage';
export * from './prisma.service';
export * from './model-store';
