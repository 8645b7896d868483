import type { ClientBase, Pool, PoolClient } from 'pg';

export interface TransactionOptions {
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
  readOnly?: boolean;
  /** Settings for this transaction only (`SET LOCAL name = 'value'`), e.g. `{ work_mem: '256MB' }`. */
  settings?: Record<string, string>;
}

/**
 * Runs `work` in one transaction: BEGIN (with the isolation level, READ ONLY and SET LOCAL settings in the
 * same round trip), COMMIT when `work` resolves, ROLLBACK when it throws; the error thrown is always `work`'s
 * (or COMMIT's), even if ROLLBACK fails too. Given a pool, it takes a client and releases it afterwards (closing
 * it when ROLLBACK failed); given a client, the caller keeps it.
 */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
export function inTransaction<C extends ClientBase, T>(
  client: C,
  work: (client: C) => Promise<T>,
  options?: TransactionOptions,
): Promise<T>;
export async function inTransaction<C extends ClientBase, T>(
  db: Pool | C,
  work: (client: C) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (!isPool(db)) return transaction(db, work, options);
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    return await transaction(client as unknown as C, work, options, (error) => (broken = error));
  } finally {
    client.release(broken);
  }
}

async function transaction<C extends ClientBase, T>(
  client: C,
  work: (client: C) => Promise<T>,
  options: TransactionOptions,
  onRollbackFailed: (error: Error) => void = () => undefined,
): Promise<T> {
  await client.query(beginStatement(options));
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(onRollbackFailed);
    throw error;
  }
}

/** `BEGIN [ISOLATION LEVEL …] [READ ONLY]` followed by one `SET LOCAL` per setting. */
function beginStatement({ isolation, readOnly, settings = {} }: TransactionOptions = {}): string {
  const begin = ['BEGIN', ...(isolation ? [`ISOLATION LEVEL ${isolation}`] : []), ...(readOnly ? ['READ ONLY'] : [])].join(' ');
  const sets = Object.entries(settings).map(([name, value]) => {
    if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) throw new Error(`not a setting name: ${name}`);
    return `SET LOCAL ${name} = '${value.replaceAll("'", "''")}'`;
  });
  return [begin, ...sets].join('; ');
}

function isPool(db: Pool | ClientBase): db is Pool {
  return 'idleCount' in db;
}
