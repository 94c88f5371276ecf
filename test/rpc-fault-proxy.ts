import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Never answer, and never pass the request on: when cleared, the connection is dropped. */
  | { kind: 'hold' }
  /** Answer with this HTTP status and no JSON-RPC body (429, 500, 502, 503...). */
  | { kind: 'status'; status: number }
  /** Close the connection without a response. */
  | { kind: 'drop' };

/**
 * A JSON-RPC proxy in front of anvil that injects faults per method: what a flaky public RPC does
 * (rate limits, 5xx, timeouts, dropped connections), and a way to freeze a worker at a chosen step.
 * Loopback only.
 */
export class RpcFaultProxy {
  private readonly faults = new Map<string, Fault>();
  private readonly held = new Set<Socket>();
  private readonly sockets = new Set<Socket>();
  private server?: http.Server;
  /** Methods seen, in order, for assertions about what a client tried. */
  readonly calls: string[] = [];

  constructor(private readonly upstream: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Injects `fault` for `method` ('*' for every method) until cleared. */
  set(method: string, fault: Fault): void {
    this.faults.set(method, fault);
  }

  clear(): void {
    this.faults.clear();
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  async stop(): Promise<void> {
    this.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const methods = ([] as { method?: string }[]).concat(JSON.parse(body || '{}')).map((call) => call.method ?? '?');
    this.calls.push(...methods);
    const fault = methods.map((m) => this.faults.get(m)).find(Boolean) ?? this.faults.get('*');
    if (fault?.kind === 'drop') return void request.socket.destroy();
    if (fault?.kind === 'status') return void response.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end('fault injected');
    if (fault?.kind === 'hold') return void this.held.add(request.socket);
    const upstream = await fetch(this.upstream, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).catch(
      () => undefined,
    );
    if (!upstream) return void request.socket.destroy();
    response.writeHead(upstream.status, { 'Content-Type': 'application/json' }).end(await upstream.text());
  }
}
