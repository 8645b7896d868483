import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A binary the local stack needs, with the pinned ways to get it. */
export interface ToolSpec {
  name: 'temporal' | 'minio';
  /** Recorded in `<bin>.version` next to a binary the project provisioned. */
  version: string;
  goModule: string;
  /** Whether a binary found on PATH is acceptable, from its `--version` output. */
  accepts: (versionOutput: string) => boolean;
  downloadUrl: () => string;
  /** The release is a .tar.gz holding the binary rather than the binary itself. */
  archived: boolean;
}

const goArch = () => ({ x64: 'amd64', arm64: 'arm64' })[arch() as string] ?? arch();

export const TEMPORAL_CLI: ToolSpec = {
  name: 'temporal',
  version: 'v1.5.1',
  goModule: 'github.com/temporalio/cli/cmd/temporal',
  // Built from source the CLI reports 0.0.0-DEV, so the embedded server version is what we pin.
  accepts: (output) => /Server 1\.29\./.test(output),
  downloadUrl: () => `https://github.com/temporalio/cli/releases/download/v1.5.1/temporal_cli_1.5.1_${platform()}_${goArch()}.tar.gz`,
  archived: true,
};

export const MINIO: ToolSpec = {
  name: 'minio',
  // The pseudo-version `go install github.com/minio/minio@latest` resolved to; MinIO no longer tags Go modules.
  version: 'v0.0.0-20260212201848-7aac2a2c5b7c',
  goModule: 'github.com/minio/minio',
  accepts: (output) => /minio version/i.test(output),
  downloadUrl: () => `https://dl.min.io/server/minio/release/${platform()}-${goArch()}/minio`,
  archived: false,
};

export interface ProvisionOptions {
  toolsDir: string;
  log?: (line: string) => void;
}

/**
 * Returns the path of a usable binary for `spec`: one on PATH, one already in `<toolsDir>/bin`
 * at the pinned version, else one built with `go install` (when Go is available), else the
 * official release download.
 */
export async function provisionTool(spec: ToolSpec, { toolsDir, log = console.log }: ProvisionOptions): Promise<string> {
  const binDir = join(toolsDir, 'bin');
  const provisioned = join(binDir, spec.name);
  const stamp = `${provisioned}.version`;
  if (existsSync(provisioned) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === spec.version) {
    return provisioned;
  }
  const onPath = findOnPath(spec.name, binDir);
  if (onPath && spec.accepts(await versionOf(onPath))) return onPath;

  mkdirSync(binDir, { recursive: true });
  const go = findOnPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (go) {
    log(`tools: building ${spec.name} ${spec.version} with go install (first run only, a few minutes)...`);
    await runLogged(go, ['install', `${spec.goModule}@${spec.version}`], { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' });
  } else {
    const url = spec.downloadUrl();
    log(`tools: Go not found; downloading ${spec.name} from ${url}...`);
    await download(url, spec.archived ? `${provisioned}.tar.gz` : provisioned);
    if (spec.archived) await run('tar', ['-xzf', `${provisioned}.tar.gz`, '-C', binDir, spec.name]);
    chmodSync(provisioned, 0o755);
  }
  if (!spec.accepts(await versionOf(provisioned))) {
    throw new Error(`tools: ${provisioned} does not report the expected version (${spec.version}).`);
  }
  writeFileSync(stamp, `${spec.version}\n`);
  log(`tools: ${spec.name} ${spec.version} ready at ${provisioned}`);
  return provisioned;
}

function findOnPath(name: string, exceptDir?: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir === exceptDir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function versionOf(binary: string): Promise<string> {
  try {
    const { stdout, stderr } = await run(binary, ['--version'], { timeout: 15_000 });
    return `${stdout}${stderr}`;
  } catch {
    return '';
  }
}

function runLogged(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed with exit code ${code}`)),
    );
  });
}

async function download(url: string, target: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`tools: download of ${url} failed with HTTP ${response.status}`);
  writeFileSync(target, Buffer.from(await response.arrayBuffer()));
}
