import type { JwkKeyPair } from '#identity';
import { bytesToMultibase } from 'did-jwt';
import { createECDH, ECDH, type JsonWebKey } from 'node:crypto';

/** The key types Veramo's local key store holds for us: the did:web's two, and the did:ethr's. */
export type StoredKeyType = 'Ed25519' | 'Secp256r1' | 'Secp256k1';

const EC_CURVES = {
  Secp256r1: { ecdh: 'prime256v1', jwk: 'P-256' },
  Secp256k1: { ecdh: 'secp256k1', jwk: 'secp256k1' },
} as const;

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/**
 * A private key as Veramo's key store keeps it (hex: an Ed25519 seed followed by its public key, or
 * an EC scalar) as the JWK pair the proof signers of libs/identity import, named `id` and controlled
 * by `controller`. It lives only as long as a signature needs it; it is never logged.
 */
export function jwkPairOf(type: StoredKeyType, privateKeyHex: string, id: string, controller: string): JwkKeyPair {
  const secret = Buffer.from(privateKeyHex, 'hex');
  let publicKeyJwk: JsonWebKey;
  let d: Uint8Array;
  if (type === 'Ed25519') {
    d = secret.subarray(0, 32);
    publicKeyJwk = { kty: 'OKP', crv: 'Ed25519', x: b64url(secret.subarray(32, 64)) };
  } else {
    const curve = EC_CURVES[type];
    const ecdh = createECDH(curve.ecdh);
    ecdh.setPrivateKey(secret);
    const point = ecdh.getPublicKey();
    d = secret;
    publicKeyJwk = { kty: 'EC', crv: curve.jwk, x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) };
  }
  return { type: 'JsonWebKey', id, controller, publicKeyJwk, secretKeyJwk: { ...publicKeyJwk, d: b64url(d) } };
}

/** The public key as a Multikey's `publicKeyMultibase` (base58btc, multicodec ed25519-pub or p256-pub, P-256 compressed). */
export function publicKeyMultibaseOf(type: 'Ed25519' | 'Secp256r1', publicKeyHex: string): string {
  if (type === 'Ed25519') return bytesToMultibase(Buffer.from(publicKeyHex, 'hex'), 'base58btc', 'ed25519-pub');
  const compressed = ECDH.convertKey(publicKeyHex, 'prime256v1', 'hex', undefined, 'compressed') as Buffer;
  return bytesToMultibase(compressed, 'base58btc', 'p256-pub');
}
