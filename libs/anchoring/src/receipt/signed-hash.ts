import type { SignedBytes, SignedCredentialFormat } from '#schemas';
import canonicalizeModule from 'canonicalize';
import { keccak256, toUtf8Bytes } from 'ethers';

// canonicalize is CommonJS (`module.exports = serialize`); under NodeNext its types put the function on `.default`.
const canonicalize = canonicalizeModule as unknown as typeof canonicalizeModule.default;

/**
 * How a signed document's leaf is computed from its signed bytes, named in each receipt:
 * - `keccak256-utf8`: keccak256 of the bytes as UTF-8, for the JWT formats, whose compact
 *   serialization is what was signed and what the holder keeps;
 * - `keccak256-jcs`: keccak256 of the RFC 8785 (JCS) serialization of the whole signed JSON
 *   document, its proof included, for `ldp_vc`: a Data Integrity proof signs the document's
 *   meaning, not its spelling, so a holder's re-serialised copy must still check.
 */
export type LeafAlgorithm = 'keccak256-utf8' | 'keccak256-jcs';

export function leafAlgorithmOf(format: SignedCredentialFormat): LeafAlgorithm {
  return format === 'ldp_vc' ? 'keccak256-jcs' : 'keccak256-utf8';
}

/** The hash of a signed document that its anchoring leaf is built from, and a receipt's `leaf` must equal (0x-hex). */
export function signedHashOf(signed: SignedBytes): string {
  if (leafAlgorithmOf(signed.format) === 'keccak256-utf8') return keccak256(toUtf8Bytes(signed.bytes));
  let document: unknown;
  try {
    document = JSON.parse(signed.bytes);
  } catch {
    throw new Error(`an ${signed.format} credential's bytes must be a JSON document`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new Error(`an ${signed.format} credential must be a JSON object`);
  return keccak256(toUtf8Bytes(canonicalize(document)!));
}
