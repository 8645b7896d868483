import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { downloadFile, DownloadError } from './download';

const run = promisify(execFile);

/** `linux-amd64`, `darwin-arm64`, …: the platforms whose release downloads are pinned. */
export type ReleasePlatform = `${'linux' | 'darwin'}-${'amd64' | 'arm64'}`;

/** A binary the local stack needs, with the pinned ways to get it: the official release download first, else `go install`. */
export interface ToolSpec {
  name: 'temporal' | 'minio';
  release: {
    version: string;
    /** The folder of the release assets; TEMPORAL_CLI_RELEASE_URL / MINIO_RELEASE_URL replace it (a mirror, a test server). */
    baseUrl: string;
    asset: (platform: ReleasePlatform) => string;
    /** SHA-256 of each platform's asset, pinned here rather than read from the same server as the asset. */
    sha256: Partial<Record<ReleasePlatform, string>>;
    /** The asset is a .tar.gz holding the binary rather than the binary itself. */
    archived: boolean;
  };
  goModule: string;
  goVersion: string;
  /** Whether a binary found on PATH is acceptable, from its `--version` output. */
  accepts: (versionOutput: string) => boolean;
}

export const TEMPORAL_CLI: ToolSpec = {
  name: 'temporal',
  release: {
    version: 'v1.5.1',
    baseUrl: 'https://github.com/temporalio/cli/releases/download/v1.5.1',
    asset: (platform) => `temporal_cli_1.5.1_${platform.replace('-', '_')}.tar.gz`,
    sha256: {
      'linux-amd64': 'ddc95e08b0b076efd4ea9733a3f488eb7d2be875f8834e616cd2a37358b4852d',
      'linux-arm64': 'bd1b0db9f18b051026de8bf6cc1505f2510f14bbb7a8b9a4a91fff46c77454f5',
      'darwin-amd64': 'bbb73e2a31135abe50a1f1cdb35030c42961df618e8ce9c60ae89f201540c5d9',
      'darwin-arm64': 'cca01b7ea35ad56e2a328d9ae596bf716bd22313ef63c7a761c88354457c2415',
    },
    archived: true,
  },
  goModule: 'github.com/temporalio/cli/cmd/temporal',
  goVersion: 'v1.5.1',
  // Built from source the CLI reports 0.0.0-DEV, so the embedded server version is what we check.
  accepts: (output) => /Server 1\.29\./.test(output),
};

export const MINIO: ToolSpec = {
  name: 'minio',
  release: {
    // The last binary release of the MinIO community edition (later versions are source only).
    version: 'RELEASE.2025-09-07T16-13-09Z',
    baseUrl: 'https://github.com/minio/minio/releases/download/RELEASE.2025-09-07T16-13-09Z',
    asset: (platform) => `minio.${platform}.RELEASE.2025-09-07T16-13-09Z`,
    sha256: {
      'linux-amd64': '7c5bd8512c6e966455b1d198209358b2d191c77a83ab377c4073281065fb855f',
      'linux-arm64': '5c83cd2cf151717ba0243f73e1c7802ff36e272b67144bdd7f1f7d684fd6f03d',
      'darwin-amd64': '4759080aeef7385aaceaac1131c30aaeb99605921553967dc6d3ef4e16ac64f9',
      'darwin-arm64': '7c3b3039b76e55a1b80935848ed83998d5e8d317374f87851f46a019ff5c0aa4',
    },
    archived: false,
  },
  goModule: 'github.com/minio/minio',
  // The pseudo-version `go install github.com/minio/minio@latest` resolved to; MinIO no longer tags Go modules.
  goVersion: 'v0.0.0-20260212201848-7aac2a2c5b7c',
  accepts: (output) => /minio version/i.test(output),
};

export interface ProvisionOptions {
  toolsDir: string;
  log?: (line: string) => void;
  /** Replaces the spec's release base URL. */
  releaseBaseUrl?: string;
  /** The Go toolchain of the fallback; null: none. Default: `go` on PATH, else /usr/local/go/bin/go. */
  go?: string | null;
  /** At most this long between progress lines while downloading or building. */
  progressIntervalMs?: number;
}

/**
 * Returns the path of a usable binary for `spec`: one already in `<toolsDir>/bin` from an earlier run, one on PATH,
 * else the official release download (checksum verified), else one built with `go install`.
 */
export async function provisionTool(spec: ToolSpec, options: ProvisionOptions): Promise<string> {
  const { toolsDir, log = console.log } = options;
  const binDir = join(toolsDir, 'bin');
  const provisioned = join(binDir, spec.name);
  const stamp = `${provisioned}.version`;
  if (existsSync(provisioned) && existsSync(stamp)) {
    const version = readFileSync(stamp, 'utf8').trim();
    if (version === spec.release.version || version === spec.goVersion) return provisioned;
  }
  const onPath = findOnPath(spec.name, binDir);
  if (onPath && spec.accepts(await versionOf(onPath))) return onPath;

  mkdirSync(binDir, { recursive: true });
  const version =
    (await installRelease(spec, provisioned, { ...options, log })) ?? (await installWithGo(spec, binDir, { ...options, log }));
  if (!spec.accepts(await versionOf(provisioned))) {
    rmSync(provisioned, { force: true });
    throw new Error(`tools: ${provisioned} does not report the expected version (${version}); it was removed.`);
  }
  writeFileSync(stamp, `${version}\n`);
  log(`tools: ${spec.name} ${version} ready at ${provisioned}`);
  return provisioned;
}

/** Installs the release download; returns its version, or undefined (having said why) when it could not. */
async function installRelease(
  spec: ToolSpec,
  provisioned: string,
  options: ProvisionOptions & { log: (line: string) => void },
): Promise<string | undefined> {
  const { release } = spec;
  const target = releasePlatform();
  const sha256 = target && release.sha256[target];
  if (!target || !sha256) {
    options.log(`tools: no ${spec.name} release download is pinned for ${platform()}-${arch()}`);
    return undefined;
  }
  const url = `${(options.releaseBaseUrl ?? release.baseUrl).replace(/\/$/, '')}/${release.asset(target)}`;
  const file = release.archived ? `${provisioned}.tar.gz` : provisioned;
  options.log(`tools: downloading ${spec.name} ${release.version} from ${url}`);
  try {
    await downloadFile(url, file, {
      label: `tools: ${spec.name}`,
      log: options.log,
      sha256,
      progressIntervalMs: options.progressIntervalMs,
    });
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    options.log(`tools: could not download ${spec.name} from ${error.url} (${error.reason})`);
    return undefined;
  }
  if (release.archived) {
    const extracted = `${provisioned}.extract`;
    rmSync(extracted, { recursive: true, force: true });
    mkdirSync(extracted);
    try {
      await run('tar', ['-xzf', file, '-C', extracted, spec.name]);
      renameSync(join(extracted, spec.name), provisioned);
    } finally {
      rmSync(extracted, { recursive: true, force: true });
      rmSync(file, { force: true });
    }
  }
  chmodSync(provisioned, 0o755);
  return release.version;
}

async function installWithGo(spec: ToolSpec, binDir: string, options: ProvisionOptions & { log: (line: string) => void }): Promise<string> {
  const go = options.go === undefined ? findGo() : options.go;
  const target = `${spec.goModule}@${spec.goVersion}`;
  if (!go) {
    throw new Error(
      `tools: cannot provision ${spec.name}: the release download failed (above) and Go is not installed to build ${target}. ` +
        `Retry with internet access, install Go, or put a ${spec.name} binary on PATH or in ${binDir}.`,
    );
  }
  options.log(`tools: building ${spec.name} with go install ${target} instead (several minutes, once)`);
  const startedAt = Date.now();
  const progress = setInterval(
    () => options.log(`tools: go install ${target} still running (${Math.round((Date.now() - startedAt) / 1000)} s)`),
    options.progressIntervalMs ?? 5000,
  );
  try {
    await runGo(go, ['install', target], { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' });
  } finally {
    clearInterval(progress);
  }
  return spec.goVersion;
}

/** This machine as a release platform, or undefined when no release is published for it. */
function releasePlatform(): ReleasePlatform | undefined {
  const os = platform();
  const cpu = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[arch()];
  return (os === 'linux' || os === 'darwin') && cpu ? (`${os}-${cpu}` as ReleasePlatform) : undefined;
}

const findGo = () => findOnPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);

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

/** Runs go, passing its output through, failing with its exit code. */
function runGo(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`tools: ${command} ${args.join(' ')} failed with exit code ${code}`)),
    );
  });
}
