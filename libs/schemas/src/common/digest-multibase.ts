import canonicalizeModule from 'canonicalize';
import { createHash } from 'node:crypto';

// canonicalize is CommonJS (`module.exports = serialize`); under NodeNext its types put the function on `.default`.
const canonicalize = canonicalizeModule as unknown as typeof canonicalizeModule.default;

/** The RFC 8785 (JCS) form of a JSON document: the bytes its digest is taken over. */
export function canonicalJson(document: unknown): string {
  return canonicalize(document) as string;
}

/**
 * VCDM 2.0's `digestMultibase`: a multibase (base64url, prefix `u`) multihash (sha2-256: 0x12, 32
 * bytes) of the bytes, the form `relatedResource` cites another document by.
 */
export function digestMultibase(bytes: string | Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  return `u${Buffer.concat([Buffer.from([0x12, 0x20]), digest]).toString('base64url')}`;
}
