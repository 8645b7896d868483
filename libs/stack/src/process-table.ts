/**
 * What Linux's /proc says about the processes of a stack: the benches find the worker, the API and PostgreSQL
 * below the orchestrator and measure their CPU and memory. Every reader returns undefined (or nothing) for a
 * process that has exited meanwhile.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc's clock ticks per second (100 on every Linux this runs on). */
export const CLOCK_TICKS = 100;

export interface ProcessStat {
  parentPid: number;
  /** R, S, D, Z, … */
  state: string;
  /** utime + stime. */
  cpuTicks: number;
  /** cutime + cstime: children that exited and were waited for (a PostgreSQL backend is counted in the postmaster). */
  exitedChildrenCpuTicks: number;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function processStat(pid: number): ProcessStat | undefined {
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The fields after the command name in parentheses (which may contain spaces): state is field 3 of stat(5).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    state: fields[0],
    parentPid: Number(fields[1]),
    cpuTicks: Number(fields[11]) + Number(fields[12]),
    exitedChildrenCpuTicks: Number(fields[13]) + Number(fields[14]),
  };
}

/** Resident set size now and its peak (VmHWM), in bytes. */
export function processMemory(pid: number): { rssBytes: number; peakRssBytes: number } | undefined {
  const status = readOrUndefined(`/proc/${pid}/status`);
  if (status === undefined) return undefined;
  const bytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rssBytes: bytes('VmRSS'), peakRssBytes: bytes('VmHWM') };
}

/** The command line, arguments joined by spaces ('' once the process is gone). */
export function processCommand(pid: number): string {
  return (readOrUndefined(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ').trim();
}

/** Every process below `root`, parents before their children. */
export function descendantPids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = processStat(Number(entry))?.parentPid;
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  for (let at = -1; at < found.length; at++) found.push(...(children.get(at < 0 ? root : found[at]) ?? []));
  return found;
}
