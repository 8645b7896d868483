import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The umask of the managed processes: what they create is readable and writable by their owner only. */
export const PRIVATE_UMASK = 0o077;

/** Runs `spawn` with PRIVATE_UMASK. The umask is the whole process's, but a child is forked synchronously, so it is restored before anything else runs. */
export function withPrivateUmask<T>(spawn: () => T): T {
  const previous = process.umask(PRIVATE_UMASK);
  try {
    return spawn();
  } finally {
    process.umask(previous);
  }
}

/**
 * Creates `dir` (mode 0700) or, when it exists, takes every group and other permission off it and everything
 * under it (files an earlier version created with the default umask). Symbolic links are left alone.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrict(dir);
}

function restrict(path: string): void {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if (stats.mode & 0o077) chmodSync(path, stats.mode & 0o7700);
  if (stats.isDirectory()) for (const name of readdirSync(path)) restrict(join(path, name));
}
