import { defineConfig } from 'prisma/config';

// Prisma 7 CLI configuration. DATABASE_URL is optional so `prisma generate` works without a database.
export default defineConfig({
  schema: './schema.prisma',
  migrations: { path: './migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
