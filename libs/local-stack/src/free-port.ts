import net from 'node:net';

function bind(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

/** A loopback port that was free a moment ago: for servers that cannot bind port 0 themselves. */
export function freePort(): Promise<number> {
  return bind(0);
}

/**
 * Fails clearly when a configured port is taken, instead of letting a server die on it while
 * whatever already listens there answers in its place.
 */
export async function assertPortFree(port: number, setting: string): Promise<void> {
  await bind(port).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'EADDRINUSE'
        ? `port ${port} is already in use: stop what uses it or set ${setting}`
        : `port ${port}: ${error.message}`,
    );
  });
}
