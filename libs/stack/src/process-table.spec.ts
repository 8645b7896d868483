import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { descendantPids, processCommand, processMemory, processStat } from './process-table';

describe('process table (/proc)', () => {
  it('reads this process: parent, state, CPU, memory and command line', () => {
    const stat = processStat(process.pid);
    expect(stat?.parentPid).toBe(process.ppid);
    expect(stat?.state).toMatch(/^[RS]$/);
    expect(stat?.cpuTicks).toBeGreaterThan(0);
    const memory = processMemory(process.pid);
    expect(memory?.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(memory?.peakRssBytes).toBeGreaterThanOrEqual(memory?.rssBytes ?? Infinity);
    expect(processCommand(process.pid)).toContain('node');
  });

  it('finds a grandchild below its root, parents first, and nothing once it exited', async () => {
    const shell = spawn('sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore' });
    try {
      let below: number[] = [];
      for (let tries = 0; tries < 50 && !below.some((pid) => processCommand(pid) === 'sleep 30'); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        below = descendantPids(process.pid);
      }
      const sleeper = below.find((pid) => processCommand(pid) === 'sleep 30');
      expect(sleeper).toBeDefined();
      expect(below.indexOf(shell.pid!)).toBeLessThan(below.indexOf(sleeper!));
      expect(processStat(sleeper!)?.parentPid).toBe(shell.pid);
      process.kill(sleeper!, 'SIGKILL');
      await once(shell, 'exit');
      expect(processStat(sleeper!)).toBeUndefined();
      expect(processMemory(sleeper!)).toBeUndefined();
      expect(processCommand(sleeper!)).toBe('');
    } finally {
      shell.kill('SIGKILL');
    }
  });
});
