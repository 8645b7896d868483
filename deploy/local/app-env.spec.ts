import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSettings } from './app-env';

describe('checkSettings', () => {
  it('passes the defaults', () => {
    const { config, problems } = checkSettings({});
    expect(problems).toEqual([]);
    expect(config?.POSTGRES_PORT).toBe(5433);
  });

  it('checks the api and the worker as npm start will run them: one line per problem, naming the processes it stops', () => {
    const { problems } = checkSettings({ DATABASE_URL: 'mysql://x', GRAPHQL_MAX_DEPTH: 'deep', TMDB_BASE_URL: 'tmdb' });
    expect(problems).toEqual([
      'DATABASE_URL: must be a postgres or postgresql URL (got a value of 9 characters) [api, worker]',
      'GRAPHQL_MAX_DEPTH: must be a positive integer (got "deep") [api]',
      'TMDB_BASE_URL: must be a http or https URL (got "tmdb") [worker]',
    ]);
  });

  it('checks the apps against the defaults of npm start when its own settings are bad', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelrank-settings-'));
    try {
      const { config, problems } = checkSettings({ POSTGRES_PORT: 'five', MOVIELENS_DIR: dir, ADMIN_EMAIL: 'admin@example.com' });
      expect(config).toBeUndefined();
      expect(problems).toEqual([
        'POSTGRES_PORT: must be a port number from 1 to 65535 (got "five") [npm start]',
        `MOVIELENS_DIR: must be a folder holding ratings.csv and movies.csv (got ${JSON.stringify(dir)}) [npm start]`,
        'ADMIN_EMAIL and ADMIN_PASSWORD must be set together [api]',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
