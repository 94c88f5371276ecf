import { compactVerify } from 'jose';
import { createHash, type KeyObject, sign, verify } from 'node:crypto';
import { computeAddress, Signature, SigningKey } from 'ethers';
import type { VerificationMethod } from 'did-resolver';
import { toLowS } from '../../keys/high-s.js';
import { publicKeyOf } from '../../keys/public-key.js';
import type { SigningCurve } from '../../keys/signing-key.js';

/**
 * The JWS algorithms verified here: the three we sign with, `Ed25519` (EdDSA's newer, fully
 * specified name) and ES384 (P-384 keys, in the VC-JOSE-COSE test suite). `none` least of all.
 */
export const ACCEPTED_ALGORITHMS = ['ES256', 'ES384', 'ES256K', 'EdDSA', 'Ed25519'] as const;

/** The algorithm each curve signs with. */
export const ALGORITHM_OF: Record<SigningCurve, 'EdDSA' | 'ES256' | 'ES256K'> = { Ed25519: 'EdDSA', 'P-256': 'ES256', secp256k1: 'ES256K' };

/**
 * The signature of a JWS signing input, low-S for ECDSA. node:crypto rather than jose: jose 6 runs on
 * WebCrypto, which has no secp256k1, and WebCrypto's ECDSA signs with either half of s.
 */
export function signingInputSignature(alg: 'EdDSA' | 'ES256' | 'ES256K', signingInput: string, privateKey: KeyObject): string {
  const signature = sign(alg === 'EdDSA' ? null : 'sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return Buffer.from(toLowS(alg, signature)).toString('base64url');
}

/** An address a recovery method names (`blockchainAccountId` in CAIP-10 or its older form, `ethereumAddress`), lower case. */
function addressOf(method: VerificationMethod): string | undefined {
  const account = method.blockchainAccountId ?? method.ethereumAddress;
  return typeof account === 'string' ? /0x[0-9a-fA-F]{40}/.exec(account)?.[0].toLowerCase() : undefined;
}

/** ES256K against an Ethereum address (did:ethr's default key): the key that made the signature is recovered, and must have that address. */
function recoversTo(address: string, signingInput: string, signature: Buffer): boolean {
  if (signature.length !== 64) return false;
  const digest = createHash('sha256').update(signingInput).digest();
  const r = `0x${signature.subarray(0, 32).toString('hex')}`;
  const s = `0x${signature.subarray(32).toString('hex')}`;
  return [27, 28].some((v) => {
    try {
      return computeAddress(SigningKey.recoverPublicKey(digest, Signature.from({ r, s, v }))).toLowerCase() === address;
    } catch {
      return false;
    }
  });
}

/** Whether the compact JWS's signature verifies against the verification method, for its `alg` (already accepted). */
export async function signatureMatches(jws: string, alg: string, method: VerificationMethod): Promise<boolean> {
  const signingInput = jws.slice(0, jws.lastIndexOf('.'));
  const signature = Buffer.from(jws.slice(jws.lastIndexOf('.') + 1), 'base64url');
  const key = publicKeyOf(method);
  if (alg === 'ES256K') {
    if (!key) {
      const address = addressOf(method);
      return address !== undefined && recoversTo(address, signingInput, signature);
    }
    return (
      key.asymmetricKeyDetails?.namedCurve === 'secp256k1' &&
      verify('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' }, signature)
    );
  }
  if (!key) return false;
  try {
    await compactVerify(jws, key, { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}
