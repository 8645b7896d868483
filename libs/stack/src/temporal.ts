import { Connection } from '@temporalio/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ManagedProcess } from './managed-process';

export interface TemporalOptions {
  binary: string;
  port: number;
  /** Web UI port; omit to run headless. */
  uiPort?: number;
  /** SQLite file that keeps history across restarts; omit for an in-memory server. */
  dbFile?: string;
  namespace: string;
  /** `Name=Type` pairs, e.g. `DatasetVersion=Keyword`. */
  searchAttributes: string[];
  logFile: string;
}

export interface RunningTemporal {
  process: ManagedProcess;
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/** Runs the official Temporal CLI dev server (real Temporal server with SQLite persistence). */
export async function startTemporal(options: TemporalOptions): Promise<RunningTemporal> {
  if (options.dbFile) mkdirSync(dirname(options.dbFile), { recursive: true, mode: 0o700 });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...options.searchAttributes.flatMap((attribute) => ['--search-attribute', attribute]),
  ];
  const server = new ManagedProcess({ name: 'temporal', command: options.binary, args, logFile: options.logFile });
  const address = `127.0.0.1:${options.port}`;
  await server.waitUntilReady(() => isTemporalServing(address, options.namespace), 60_000);
  return {
    process: server,
    address,
    uiUrl: options.uiPort ? `http://localhost:${options.uiPort}` : undefined,
    stop: () => server.stop(),
  };
}

export async function isTemporalServing(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}
