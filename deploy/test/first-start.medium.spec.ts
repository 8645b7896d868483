import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from '../../libs/stack/src';

const repoRoot = join(__dirname, '..', '..');

/**
 * What a newcomer sees on a first `npm start` (and `npm run setup`): tools provisioned from the official release
 * downloads, falling back to a (here fake) `go install` that reports progress; settings checked before anything
 * starts; a failing process explained once, with this run's log lines only.
 */
describe('first start', () => {
  let workDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'reelrank-first-start-'));
    // As root, the embedded PostgreSQL runs as the postgres user, which must reach the DATA_DIRs inside.
    chmodSync(workDir, 0o711);
    const names = ['API_PORT', 'POSTGRES_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'MINIO_PORT', 'MINIO_CONSOLE_PORT'];
    const ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, String(await getFreePort())])));
    env = {
      ...withoutAppSettings(process.env),
      ...ports,
      TOOLS_DIR: join(repoRoot, '.tools'),
      SKIP_WEB: 'true',
      SKIP_SEED: 'true',
    };
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  describe('npm run setup', () => {
    let server: Server;
    let requested: string[];
    let baseUrl: string;

    beforeAll(async () => {
      requested = [];
      // Serves a corrupted file at every path: what a broken mirror or a tampered download looks like.
      server = createServer((request, response) => {
        requested.push(request.url ?? '');
        response.end('not the release you are looking for');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('refuses a corrupted release download, installs nothing from it, and falls back to go install', async () => {
      const toolsDir = join(workDir, 'tools-corrupted');
      const { code, output } = await run('provision-tools.ts', {
        ...env,
        ...withFakeGo(0),
        TOOLS_DIR: toolsDir,
        TEMPORAL_CLI_RELEASE_URL: `${baseUrl}/temporal`,
        MINIO_RELEASE_URL: `${baseUrl}/minio`,
      });
      expect(code).toBe(0);
      expect(requested).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^\/temporal\/temporal_cli_1\.5\.1_(linux|darwin)_(amd64|arm64)\.tar\.gz$/),
          expect.stringMatching(/^\/minio\/minio\.(linux|darwin)-(amd64|arm64)\.RELEASE\.2025-09-07T16-13-09Z$/),
        ]),
      );
      expect(output).toMatch(
        /tools: could not download minio from \S+ \(SHA-256 mismatch: got [0-9a-f]{64}, pinned [0-9a-f]{64}; the file was discarded\)/,
      );
      expect(output).toMatch(/tools: building minio with go install github\.com\/minio\/minio@v0\.0\.0-\S+ instead/);
      expect(readdirSync(join(toolsDir, 'bin')).sort()).toEqual(['minio', 'minio.version', 'temporal', 'temporal.version']);
      expect(readFileSync(join(toolsDir, 'bin', 'minio'), 'utf8')).toContain('DEVELOPMENT.GOGET');
    }, 60_000);

    it('falls back to go install when the release host is unreachable, with a progress line at least every 10 s', async () => {
      const closedPort = await getFreePort();
      const toolsDir = join(workDir, 'tools-offline');
      const startedAt = Date.now();
      const { code, output, lines } = await run('provision-tools.ts', {
        ...env,
        ...withFakeGo(12),
        TOOLS_DIR: toolsDir,
        TEMPORAL_CLI_RELEASE_URL: `http://127.0.0.1:${closedPort}/temporal`,
        MINIO_RELEASE_URL: `http://127.0.0.1:${closedPort}/minio`,
      });
      expect(code).toBe(0);
      expect(output).toMatch(
        new RegExp(`tools: could not download temporal from http://127\\.0\\.0\\.1:${closedPort}/temporal/\\S+ \\(connect ECONNREFUSED`),
      );
      expect(output).toMatch(/tools: building temporal with go install github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1/);
      expect(output).toMatch(/tools: go install github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1 still running \(\d+ s\)/);
      expect(existsSync(join(toolsDir, 'bin', 'temporal'))).toBe(true);
      // Never 10 s without a line.
      const times = [startedAt, ...lines.map((line) => line.at), Date.now()];
      const longestSilence = Math.max(...times.slice(1).map((at, index) => at - times[index]));
      expect(longestSilence).toBeLessThan(10_000);
    }, 90_000);
  });

  it('checks the settings of every process before starting anything, one line per problem', async () => {
    const dataDir = join(workDir, 'data-bad-settings');
    const { code, output } = await run('start.ts', {
      ...env,
      DATA_DIR: dataDir,
      DATABASE_URL: 'mysql://x',
      GRAPHQL_MAX_DEPTH: 'deep',
      TRAINING_THREADS: 'many',
    });
    expect(code).toBe(1);
    const problems = output.split('\n').filter((line) => /^ {2}[A-Z_]+: /.test(line));
    expect(problems).toEqual([
      expect.stringMatching(/^ {2}DATABASE_URL: must be a postgres or postgresql URL \(got .*\) \[api, worker\]$/),
      expect.stringMatching(/^ {2}GRAPHQL_MAX_DEPTH: must be a positive integer \(got "deep"\) \[api\]$/),
      '  TRAINING_THREADS: must be an integer from 0 to 64 (got "many") [worker]',
    ]);
    expect(output).not.toMatch(/services:|ENOTFOUND/);
    expect(existsSync(join(dataDir, 'logs'))).toBe(false);
  }, 120_000);

  it('explains a process that fails at start once, with this run’s log lines only (the previous run’s log is kept aside)', async () => {
    const dataDir = join(workDir, 'data-failing-api');
    mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, 'logs', 'api.log'), 'A LINE OF THE PREVIOUS RUN\n', { mode: 0o600 });
    const { code, output } = await run('start.ts', { ...env, DATA_DIR: dataDir, API_HOST: 'nowhere.invalid' });
    expect(code).toBe(1);
    expect(output).toContain('api exited with code 1');
    expect(output.indexOf('api exited')).toBe(output.lastIndexOf('api exited'));
    expect(output).toContain('ENOTFOUND nowhere.invalid');
    expect(output).not.toContain('A LINE OF THE PREVIOUS RUN');
    expect(readFileSync(join(dataDir, 'logs', 'api.log.1'), 'utf8')).toBe('A LINE OF THE PREVIOUS RUN\n');
  }, 180_000);

  /** A `go` that takes `seconds` and "installs" a script answering `--version` as the real tool does. */
  function withFakeGo(seconds: number): NodeJS.ProcessEnv {
    const dir = mkdtempSync(join(workDir, 'fake-go-'));
    writeFileSync(
      join(dir, 'go'),
      [
        '#!/bin/sh',
        `sleep ${seconds}`,
        'for target; do :; done',
        'name=$(basename "${target%@*}")',
        'if [ "$name" = temporal ]; then answer="temporal version 0.0.0-DEV (Server 1.29.1, UI 2.42.1)"; else answer="minio version DEVELOPMENT.GOGET"; fi',
        'printf "#!/bin/sh\\necho \\"%s\\"\\n" "$answer" > "$GOBIN/$name"',
        'chmod +x "$GOBIN/$name"',
      ].join('\n'),
    );
    chmodSync(join(dir, 'go'), 0o755);
    return { PATH: `${dir}:${process.env.PATH}` };
  }
});

/** The environment without settings of the apps or external services that the developer's shell may hold. */
function withoutAppSettings(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...source };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'NODE_OPTIONS', 'MOVIELENS_DIR']) delete copy[name];
  return copy;
}

interface Run {
  code: number | null;
  output: string;
  /** Each output line with the time it arrived. */
  lines: { at: number; text: string }[];
}

function run(script: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(repoRoot, 'deploy', 'local', script)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result: Run = { code: null, output: '', lines: [] };
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    result.output += text;
    for (const line of text.split('\n').filter(Boolean)) result.lines.push({ at: Date.now(), text: line });
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ ...result, code })));
}
