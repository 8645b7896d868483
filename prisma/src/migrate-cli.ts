// `npm run migrate`: applies pending migrations to DATABASE_URL.
import { applyMigrations } from './migrate';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const { applied, skipped } = await applyMigrations(databaseUrl, { log: (message) => console.log(`migrate: ${message}`) });
  console.log(`migrate: ${applied.length} applied, ${skipped.length} already up to date`);
}

/** One line, also for pg's AggregateError (e.g. ECONNREFUSED on both ::1 and 127.0.0.1), whose message is empty. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeError).join('; ');
  if (error instanceof Error) return (error.message || String((error as NodeJS.ErrnoException).code ?? error.name)).replace(/\s+/g, ' ');
  return String(error);
}

main().catch((error: unknown) => {
  console.error(`migrate failed: ${describeError(error)}`);
  process.exit(1);
});
