import type { ClientBase, Pool } from 'pg';
import { inTransaction } from './transaction';

/** A client that records its statements and fails the ones `failing` names. */
function fakeClient(failing: string[] = []) {
  const statements: string[] = [];
  const released: (Error | boolean | undefined)[] = [];
  const client = {
    query: async (sql: string) => {
      statements.push(sql);
      if (failing.includes(sql)) throw new Error(`${sql} failed`);
      return { rows: [], rowCount: 0 };
    },
    release: (error?: Error | boolean) => void released.push(error),
  };
  const pool = { idleCount: 0, connect: async () => client } as unknown as Pool;
  return { client: client as unknown as ClientBase, pool, statements, released };
}

describe('inTransaction', () => {
  it('commits the work and returns its result, leaving a given client to the caller', async () => {
    const db = fakeClient();
    const result = await inTransaction(db.client, async (client) => {
      await client.query('SELECT 1');
      return 42;
    });
    expect(result).toBe(42);
    expect(db.statements).toEqual(['BEGIN', 'SELECT 1', 'COMMIT']);
    expect(db.released).toEqual([]);
  });

  it('opens with the isolation level, READ ONLY and the SET LOCAL settings (quoted) in one statement', async () => {
    const db = fakeClient();
    await inTransaction(db.client, async () => undefined, {
      isolation: 'REPEATABLE READ',
      readOnly: true,
      settings: { work_mem: '256MB', 'app.note': "it's" },
    });
    expect(db.statements).toEqual([
      `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL work_mem = '256MB'; SET LOCAL app.note = 'it''s'`,
      'COMMIT',
    ]);
  });

  it('refuses a setting name that is not one', async () => {
    const db = fakeClient();
    await expect(inTransaction(db.client, async () => undefined, { settings: { 'x = 1; DROP TABLE t; --': 'y' } })).rejects.toThrow(
      'not a setting name',
    );
    expect(db.statements).toEqual([]);
  });

  it('rolls back and rethrows the work error', async () => {
    const db = fakeClient();
    const failure = inTransaction(db.client, async (client) => {
      await client.query('UPDATE t SET x = 1');
      throw new Error('constraint violated');
    });
    await expect(failure).rejects.toThrow('constraint violated');
    expect(db.statements).toEqual(['BEGIN', 'UPDATE t SET x = 1', 'ROLLBACK']);
  });

  it('keeps the original error when ROLLBACK fails too, and closes that pooled connection', async () => {
    const db = fakeClient(['ROLLBACK']);
    const failure = inTransaction(db.pool, async () => {
      throw new Error('constraint violated');
    });
    await expect(failure).rejects.toThrow('constraint violated');
    expect(db.released).toEqual([new Error('ROLLBACK failed')]);
  });

  it('rolls back a failed COMMIT and throws its error', async () => {
    const db = fakeClient(['COMMIT']);
    await expect(inTransaction(db.client, async () => 1)).rejects.toThrow('COMMIT failed');
    expect(db.statements).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK']);
  });

  it('takes a client from a pool and releases it healthy after a commit or a rollback', async () => {
    const db = fakeClient();
    await inTransaction(db.pool, async () => 1);
    await expect(
      inTransaction(db.pool, async () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(db.statements).toEqual(['BEGIN', 'COMMIT', 'BEGIN', 'ROLLBACK']);
    expect(db.released).toEqual([undefined, undefined]);
  });

  it('releases the pooled client when BEGIN fails', async () => {
    const db = fakeClient(['BEGIN']);
    await expect(inTransaction(db.pool, async () => 1)).rejects.toThrow('BEGIN failed');
    expect(db.released).toHaveLength(1);
  });
});
