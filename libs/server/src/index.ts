export * from './infrastructure.module';
export * from './prisma.service';
export * from './model-store';
