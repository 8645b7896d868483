export * from './infrastructure.module';
export * from './prisma.service';
