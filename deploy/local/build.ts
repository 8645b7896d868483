import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './local-config';

/** Compiles libs, workflows, worker and api incrementally (a no-op when nothing changed). */
export function buildServer(): Promise<void> {
  return run('build', process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], repoRoot);
}

export const webDistDir = join(repoRoot, 'web', 'dist', 'browser');

/** Builds the web app for production unless its output is newer than every source file. */
export async function buildWebIfStale(log: (line: string) => void): Promise<void> {
  const webDir = join(repoRoot, 'web');
  const index = join(webDistDir, 'index.html');
  const inputs = ['src', 'angular.json', 'package.json', 'tsconfig.json', 'tsconfig.app.json'].map((name) => join(webDir, name));
  if (existsSync(index) && newestChange(inputs) < statSync(index).mtimeMs) return;
  log('build: web app (production build, first run or after changes)...');
  await run('web build', process.execPath, [require.resolve('@angular/cli/bin/ng.js'), 'build'], webDir);
}

function newestChange(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stats = statSync(path);
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory()) {
      newest = Math.max(newest, newestChange(readdirSync(path).map((name) => join(path, name))));
    }
  }
  return newest;
}

function run(name: string, command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} failed (exit code ${code}):\n${output.trim()}`))));
  });
}
