import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowServer {
  /** A URL of this server, by host name. */
  url(path: string): string;
  /** Requests received, and the most that were open at once. */
  requests(): number;
  mostAtOnce(): number;
  close(): Promise<void>;
}

/**
 * A server that answers every request with a 200 and then one byte every `byteEveryMs`, for as long
 * as the client stays: what a hostile status list or package host does to hold a verifier open.
 */
export async function startSlowServer(byteEveryMs = 200): Promise<SlowServer> {
  let requests = 0;
  let open = 0;
  let most = 0;
  const server = http.createServer((request, response) => {
    requests++;
    most = Math.max(most, ++open);
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('[');
    const timer = setInterval(() => response.write(' '), byteEveryMs);
    request.socket.on('close', () => {
      clearInterval(timer);
      open--;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://localhost:${port}${path}`,
    requests: () => requests,
    mostAtOnce: () => most,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
