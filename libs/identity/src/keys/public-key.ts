import { extractPublicKeyBytes } from 'did-jwt';
import type { VerificationMethod } from 'did-resolver';
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** The key types a signature of ours can be checked against, as DID documents name them. */
export type PublicKeyType = 'Ed25519' | 'P-256' | 'Secp256k1';

/** DER prefixes of a SubjectPublicKeyInfo, by key type and by the length of the raw key (compressed or not). */
const SPKI_PREFIX: Record<PublicKeyType, Record<number, string>> = {
  Ed25519: { 32: '302a300506032b6570032100' },
  'P-256': { 33: '3039301306072a8648ce3d020106082a8648ce3d030107032200', 65: '3059301306072a8648ce3d020106082a8648ce3d030107034200' },
  Secp256k1: { 33: '3036301006072a8648ce3d020106052b8104000a032200', 65: '3056301006072a8648ce3d020106052b8104000a034200' },
};

/** A node:crypto public key from raw key bytes (an EC point compressed or not), or undefined for a length the type does not have. */
export function publicKeyFromBytes(type: PublicKeyType, bytes: Uint8Array): KeyObject | undefined {
  const prefix = SPKI_PREFIX[type][bytes.length];
  if (prefix === undefined) return undefined;
  try {
    return createPublicKey({ key: Buffer.concat([Buffer.from(prefix, 'hex'), bytes]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

/**
 * The public key a verification method holds, whatever form the document gives it in
 * (`publicKeyJwk`, `publicKeyMultibase` of a Multikey or an Ed25519VerificationKey2020, base58, hex),
 * or undefined when it holds none we can use: an Ethereum address only (a recovery method), a
 * private key, an unknown key type.
 */
export function publicKeyOf(method: VerificationMethod): KeyObject | undefined {
  const jwk = method.publicKeyJwk;
  if (jwk) {
    if ('d' in jwk) return undefined;
    try {
      return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch {
      return undefined;
    }
  }
  let extracted: ReturnType<typeof extractPublicKeyBytes>;
  try {
    extracted = extractPublicKeyBytes(method);
  } catch {
    return undefined;
  }
  const { keyBytes, keyType } = extracted;
  return keyType === 'Ed25519' || keyType === 'P-256' || keyType === 'Secp256k1' ? publicKeyFromBytes(keyType, keyBytes) : undefined;
}
