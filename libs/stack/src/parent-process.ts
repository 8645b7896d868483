import { readFileSync } from 'node:fs';

/**
 * Calls `onGone` once the process that started this one exits (checked every `intervalMs`), e.g. npm killed with
 * SIGKILL: `process.ppid` is read once at startup, so this asks Linux's /proc for the live parent (elsewhere,
 * whether the first parent is still alive).
 */
export function watchParent(onGone: () => void, intervalMs = 1000): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (!isParent(parent)) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
}

function isParent(pid: number): boolean {
  try {
    // Field 4 of /proc/self/stat, after the command name in parentheses (which may contain spaces).
    return (
      Number(
        readFileSync('/proc/self/stat', 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ')[1],
      ) === pid
    );
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
}
