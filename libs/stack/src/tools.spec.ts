import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getFreePort } from './ports';
import { provisionTool, TEMPORAL_CLI, type ReleasePlatform, type ToolSpec } from './tools';

const PLATFORMS: ReleasePlatform[] = ['linux-amd64', 'linux-arm64', 'darwin-amd64', 'darwin-arm64'];
const VERSION_ANSWER = 'temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)';

describe('provisionTool', () => {
  let dir: string;
  let lines: string[];
  const log = (line: string) => lines.push(line);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-tools-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A release archive holding a `temporal` script that answers `--version` as the real one does. */
  function releaseArchive(): Buffer {
    const content = join(dir, 'archive-content');
    mkdirSync(content);
    writeFileSync(join(content, 'temporal'), `#!/bin/sh\necho "${VERSION_ANSWER}"\n`, { mode: 0o755 });
    writeFileSync(join(content, 'LICENSE'), 'MIT\n');
    execFileSync('tar', ['-czf', join(dir, 'release.tar.gz'), '-C', content, 'temporal', 'LICENSE']);
    return readFileSync(join(dir, 'release.tar.gz'));
  }

  /** TEMPORAL_CLI with `archive` as the pinned release of every platform. */
  const pinned = (archive: Buffer): ToolSpec => {
    const sha256 = createHash('sha256').update(archive).digest('hex');
    return { ...TEMPORAL_CLI, release: { ...TEMPORAL_CLI.release, sha256: Object.fromEntries(PLATFORMS.map((p) => [p, sha256])) } };
  };

  it('installs the release download when its checksum matches', async () => {
    const archive = releaseArchive();
    const requested: string[] = [];
    const server = await serve((request, response) => (requested.push(request.url ?? ''), response.end(archive)));
    try {
      const toolsDir = join(dir, 'tools');
      const path = await provisionTool(pinned(archive), { toolsDir, log, releaseBaseUrl: `${server.url}/cli/`, go: null });
      expect(path).toBe(join(toolsDir, 'bin', 'temporal'));
      expect(execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()).toBe(VERSION_ANSWER);
      expect(readFileSync(`${path}.version`, 'utf8')).toBe('v1.5.1\n');
      expect(readdirSync(join(toolsDir, 'bin')).sort()).toEqual(['temporal', 'temporal.version']);
      expect(requested).toEqual([expect.stringMatching(/^\/cli\/temporal_cli_1\.5\.1_(linux|darwin)_(amd64|arm64)\.tar\.gz$/)]);
      expect(lines[0]).toMatch(/^tools: downloading temporal v1\.5\.1 from http:\/\/127\.0\.0\.1:\d+\/cli\/temporal_cli_1\.5\.1_/);
      expect(lines.at(-1)).toBe(`tools: temporal v1.5.1 ready at ${path}`);
      // A later run uses it as it is.
      expect(await provisionTool(pinned(archive), { toolsDir, log, releaseBaseUrl: 'http://127.0.0.1:1', go: null })).toBe(path);
    } finally {
      await server.close();
    }
  });

  it('refuses a download whose checksum differs, installs nothing, and stops clearly without Go', async () => {
    const server = await serve((_request, response) => response.end('a tampered archive'));
    try {
      const toolsDir = join(dir, 'tools');
      await expect(provisionTool(pinned(releaseArchive()), { toolsDir, log, releaseBaseUrl: server.url, go: null })).rejects.toThrow(
        /^tools: cannot provision temporal: the release download failed \(above\) and Go is not installed to build github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1\. Retry with internet access, install Go, or put a temporal binary on PATH or in /,
      );
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^tools: could not download temporal from \S+ \(SHA-256 mismatch: got [0-9a-f]{64}, pinned [0-9a-f]{64}; the file was discarded\)$/,
        ),
      );
      expect(readdirSync(join(toolsDir, 'bin'))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('falls back to go install when the release host cannot be reached, saying so and how long it has been building', async () => {
    const closedPort = await getFreePort();
    const toolsDir = join(dir, 'tools');
    const path = await provisionTool(pinned(releaseArchive()), {
      toolsDir,
      log,
      releaseBaseUrl: `http://127.0.0.1:${closedPort}`,
      go: fakeGo(dir, 1),
      progressIntervalMs: 200,
    });
    expect(readFileSync(`${path}.version`, 'utf8')).toBe('v1.5.1\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^tools: could not download temporal from http://127\\.0\\.0\\.1:${closedPort}/\\S+ \\(connect ECONNREFUSED`),
      ),
    );
    expect(lines).toContain(
      'tools: building temporal with go install github.com/temporalio/cli/cmd/temporal@v1.5.1 instead (several minutes, once)',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^tools: go install github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1 still running \(\d+ s\)$/),
    );
  });

  it('reports bytes and percent while downloading', async () => {
    const archive = releaseArchive();
    const server = await serve(async (_request, response) => {
      response.setHeader('content-length', archive.length);
      const half = Math.floor(archive.length / 2);
      response.write(archive.subarray(0, half));
      await sleep(600);
      response.end(archive.subarray(half));
    });
    try {
      await provisionTool(pinned(archive), {
        toolsDir: join(dir, 'tools'),
        log,
        releaseBaseUrl: server.url,
        go: null,
        progressIntervalMs: 100,
      });
      expect(lines).toContainEqual(expect.stringMatching(/^tools: temporal: downloaded 0\.0 MB of 0\.0 MB \(\d+%\)$/));
    } finally {
      await server.close();
    }
  });
});

/** A `go` that takes `seconds`, then "installs" the module's binary (a script answering `--version`) into GOBIN. */
function fakeGo(dir: string, seconds: number): string {
  const go = join(dir, 'go');
  writeFileSync(
    go,
    `#!/bin/sh\nsleep ${seconds}\nfor target; do :; done\nname=$(basename "\${target%@*}")\nprintf '#!/bin/sh\\necho "${VERSION_ANSWER}"\\n' > "$GOBIN/$name"\nchmod +x "$GOBIN/$name"\n`,
  );
  chmodSync(go, 0o755);
  return go;
}

async function serve(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
