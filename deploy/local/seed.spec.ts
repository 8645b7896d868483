import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from '@reelrank/stack';
import { localOrDownloadedMovieLens } from './seed';

describe('localOrDownloadedMovieLens', () => {
  let dataDir: string;
  let lines: string[];
  const source = () => ({ dataDir, log: (line: string) => lines.push(line), sharedDir: join(dataDir, 'no-shared-copy') });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'reelrank-seed-'));
    lines = [];
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('explains an unreachable download in one line naming its cause and MOVIELENS_DIR', async () => {
    const url = `http://127.0.0.1:${await getFreePort()}/ml-latest-small.zip`;
    await expect(localOrDownloadedMovieLens({ ...source(), url })).rejects.toThrow(
      new RegExp(
        `^Could not download ml-latest-small from ${url.replace(/\./g, '\\.')} \\(connect ECONNREFUSED [^)]+\\): ` +
          'set MOVIELENS_DIR to a folder holding ratings\\.csv and movies\\.csv, or SKIP_SEED=true$',
      ),
    );
    expect(lines).toEqual([`seed: downloading ${url}`]);
  });

  it('explains a refused download the same way, keeping nothing of it', async () => {
    const server = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ml-latest-small.zip`;
    try {
      await expect(localOrDownloadedMovieLens({ ...source(), url })).rejects.toThrow(
        `Could not download ml-latest-small from ${url} (HTTP 404 Not Found): set MOVIELENS_DIR to a folder holding ratings.csv and movies.csv, or SKIP_SEED=true`,
      );
      expect(readdirSync(join(dataDir, 'downloads'))).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
