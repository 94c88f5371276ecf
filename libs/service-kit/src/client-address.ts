import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';

/**
 * Who a request comes from, for per-client limits: its address as Express reads it (the socket
 * peer, or X-Forwarded-For from a proxy TRUST_PROXY names). IPv6 clients count by their /64, the
 * block one subscriber usually holds, so that rotating addresses within it gains nothing;
 * IPv4-mapped IPv6 addresses count as the IPv4 address.
 */
export function clientAddressOf(request: Request): string {
  const address = (request.ip ?? request.socket.remoteAddress ?? 'unknown').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
