import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonServer {
  /** `http://127.0.0.1:<port>`: what the documents' URLs start with. */
  origin: string;
  /** What a URL (or path) of this server answers from now on; 404 with `null` until then. */
  serve(url: string, body: unknown, status?: number): void;
  /** What a URL of this server answers now, if anything was served there. */
  answerAt(url: string): { status: number; body: unknown } | undefined;
  /** How often a URL was asked for. */
  hitsOf(url: string): number;
  close(): Promise<void>;
}

/**
 * A server of JSON documents on loopback, as an issuer serves its status lists, packages or DID
 * documents: what each path answers is set by the test, and every request is counted.
 */
export async function startJsonServer(): Promise<JsonServer> {
  const answers = new Map<string, { status: number; body: unknown }>();
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://server').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = answers.get(path) ?? { status: 404, body: null };
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pathOf = (url: string) => new URL(url, origin).pathname;
  return {
    origin,
    serve: (url, body, status = 200) => answers.set(pathOf(url), { status, body }),
    answerAt: (url) => answers.get(pathOf(url)),
    hitsOf: (url) => hits.get(pathOf(url)) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
