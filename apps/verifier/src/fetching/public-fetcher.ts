import { lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Addresses a verifier must not be sent to by a credential: loopback, private, link-local, carrier NAT. */
const PRIVATE_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE_NETWORKS.check(mapped, 'ipv4');
  return PRIVATE_NETWORKS.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

export class FetchRefused extends Error {}

export interface FetchPolicy {
  allowPrivateNetworks: boolean;
  timeoutMs: number;
  maxBytes: number;
}

/**
 * GETs JSON from a URL that a verified credential named, and nothing else: http(s) only, a bounded
 * time and size, and unless configured (as in development) no loopback or private address. The
 * address is checked where the connection is made, so DNS cannot swap it after the check.
 */
export class PublicFetcher {
  constructor(private readonly policy: FetchPolicy) {}

  async json(url: string): Promise<{ status: number; body: unknown }> {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new FetchRefused(`only http(s) URLs are fetched, not ${target.protocol}`);
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && this.refuses(literal)) throw new FetchRefused(`${literal} is a private address`);
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.get(
        target,
        {
          timeout: this.policy.timeoutMs,
          headers: { Accept: 'application/json' },
          lookup: (hostname, options, callback) =>
            lookup(hostname, { ...options, all: false }, (error, address, family) => {
              if (!error && this.refuses(address)) return callback(new FetchRefused(`${hostname} resolves to a private address`), address, family);
              callback(error, address, family);
            }),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.policy.maxBytes) request.destroy(new FetchRefused(`the response is larger than ${this.policy.maxBytes} bytes`));
            else chunks.push(chunk);
          });
          response.on('end', () => {
            try {
              resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
            } catch {
              reject(new Error('the response is not JSON'));
            }
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${this.policy.timeoutMs} ms`)));
      request.on('error', reject);
    });
  }

  private refuses(address: string): boolean {
    return !this.policy.allowPrivateNetworks && isPrivateAddress(address);
  }
}
