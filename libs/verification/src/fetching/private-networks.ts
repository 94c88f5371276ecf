import { BlockList, isIP } from 'node:net';

/**
 * Addresses a credential must not steer a verifier to: anything not globally reachable unicast.
 * IPv4: this network, private, carrier NAT, loopback, link-local, IETF protocol assignments, the
 * documentation and benchmarking ranges, the deprecated 6to4 relay, multicast, reserved and
 * broadcast. IPv6: unspecified, loopback, IPv4-compatible (deprecated), IPv4-translated, local-use
 * NAT64, discard-only, IETF protocol assignments (Teredo among them), documentation, unique local,
 * link-local, site-local (deprecated) and multicast.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['3fff::', 20],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/**
 * IPv6 prefixes that carry an IPv4 address the packet ends up at, and where in the address it
 * sits (as 16-bit groups): IPv4-mapped, NAT64's well-known prefix (RFC 6052) and 6to4 (RFC 3056).
 * Such an address is as private as the IPv4 address inside it.
 */
const EMBEDDING = [
  { prefix: [0, 0, 0, 0, 0, 0xffff], at: 6 },
  { prefix: [0x64, 0xff9b, 0, 0, 0, 0], at: 6 },
  { prefix: [0x2002], at: 1 },
];

/** Whether a verifier must refuse to connect to this IP address (anything that is not an IP is refused too). */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/%.*$/, '');
  const version = isIP(ip);
  if (version === 4) return BLOCKED.check(ip, 'ipv4');
  if (version !== 6) return true;
  const embedded = embeddedIpv4(groupsOf(ip));
  if (embedded) return BLOCKED.check(embedded, 'ipv4');
  return BLOCKED.check(ip, 'ipv6');
}

function embeddedIpv4(groups: number[]): string | undefined {
  const found = EMBEDDING.find(({ prefix }) => prefix.every((group, i) => groups[i] === group));
  if (!found) return undefined;
  const [high, low] = groups.slice(found.at, found.at + 2);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address, `::` and a dotted IPv4 tail expanded. */
function groupsOf(ip: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  const hex = dotted
    ? `${ip.slice(0, dotted.index)}${((+dotted[1] << 8) | +dotted[2]).toString(16)}:${((+dotted[3] << 8) | +dotted[4]).toString(16)}`
    : ip;
  const [head, tail] = hex.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}
