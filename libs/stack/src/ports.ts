import { createServer } from 'node:net';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Throws a one-line explanation when `port` cannot be bound on `host`. */
export async function assertPortFree(port: number, owner: string, envVariable: string, host = '127.0.0.1'): Promise<void> {
  const free = await isPortFree(port, host);
  if (!free) {
    throw new PortInUseError(
      `Port ${port} (${owner}) is already in use: stop whatever listens there (\`ss -ltnp 'sport = :${port}'\`) or set ${envVariable} to another port.`,
    );
  }
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free right now. */
export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
