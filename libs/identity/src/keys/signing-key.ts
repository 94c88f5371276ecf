import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { KeyPair } from '@digitalbazaar/ed25519-multikey';
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

interface KeyPairIdentity {
  /** The verification method's DID URL, as proofs name it (`kid`, `verificationMethod`). */
  id: string;
  /** The DID whose document lists the method. */
  controller: string;
}

/** An Ed25519 or P-256 key pair as a Multikey (`z6Mk…` / `zDn…` public, multibase secret). */
export interface MultikeyKeyPair extends KeyPairIdentity {
  type: 'Multikey';
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** An Ed25519, P-256 or secp256k1 key pair as JWKs (the secret one with `d`). */
export interface JwkKeyPair extends KeyPairIdentity {
  type: 'JsonWebKey' | 'JsonWebKey2020';
  publicKeyJwk: JsonWebKey;
  secretKeyJwk: JsonWebKey;
}

/** A key pair the signers take, in either form an issuer may hold it. */
export type SigningKeyPair = MultikeyKeyPair | JwkKeyPair;

export type SigningCurve = 'Ed25519' | 'P-256' | 'secp256k1';

/** A key pair ready to sign: for JOSE as a node:crypto key, for Data Integrity as a digitalbazaar Multikey. */
export interface SigningKey extends KeyPairIdentity {
  curve: SigningCurve;
  privateKey: KeyObject;
  /** Undefined for secp256k1, which no Data Integrity cryptosuite of ours signs with. */
  multikey?: KeyPair;
}

/** A key pair that cannot sign: a bug or a misconfiguration on the signer's side, never the document's fault. */
export class InvalidSigningKey extends Error {}

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

function curveOfJwk(jwk: JsonWebKey): SigningCurve {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'Ed25519';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'P-256';
  if (jwk.kty === 'EC' && jwk.crv === 'secp256k1') return 'secp256k1';
  throw new InvalidSigningKey(`A ${String(jwk.kty)} ${String(jwk.crv)} key cannot sign here (Ed25519, P-256 or secp256k1).`);
}

function privateKeyOf(jwk: JsonWebKey): KeyObject {
  try {
    return createPrivateKey({ key: jwk, format: 'jwk' });
  } catch (error) {
    throw new InvalidSigningKey(`The secret key does not decode: ${(error as Error).message}`);
  }
}

/** A pair whose public half is not the secret half's would sign what its own DID document cannot verify. */
function assertHalvesMatch(privateKey: KeyObject, publicJwk: JsonWebKey): void {
  const derived = createPublicKey(privateKey).export({ format: 'jwk' });
  if (derived.x !== publicJwk.x || derived.y !== publicJwk.y)
    throw new InvalidSigningKey("The public key is not the secret key's public key.");
}

async function fromMultikey(pair: MultikeyKeyPair): Promise<SigningKey> {
  const { id, controller, publicKeyMultibase, secretKeyMultibase } = pair;
  const library = publicKeyMultibase.startsWith('z6Mk')
    ? Ed25519Multikey
    : publicKeyMultibase.startsWith('zDn')
      ? EcdsaMultikey
      : undefined;
  if (!library) throw new InvalidSigningKey(`${publicKeyMultibase.slice(0, 8)}… is neither an Ed25519 (z6Mk) nor a P-256 (zDn) Multikey.`);
  let multikey: KeyPair;
  let jwk: Record<string, string>;
  try {
    multikey = await library.from({ '@context': MULTIKEY_V1, type: 'Multikey', id, controller, publicKeyMultibase, secretKeyMultibase });
    jwk = await library.toJwk({ keyPair: multikey, secretKey: true });
  } catch (error) {
    throw new InvalidSigningKey(`The Multikey pair does not decode: ${(error as Error).message}`);
  }
  const curve = library === Ed25519Multikey ? 'Ed25519' : 'P-256';
  // An Ed25519 Multikey secret is the 32-byte seed followed by the public key; a JWK's `d` is the seed alone.
  if (curve === 'Ed25519') jwk = { ...jwk, d: Buffer.from(jwk.d, 'base64url').subarray(0, 32).toString('base64url') };
  const privateKey = privateKeyOf(jwk);
  assertHalvesMatch(privateKey, jwk);
  return { id, controller, curve, privateKey, multikey };
}

async function fromJwk(pair: JwkKeyPair): Promise<SigningKey> {
  const { id, controller, publicKeyJwk, secretKeyJwk } = pair;
  const curve = curveOfJwk(secretKeyJwk);
  const privateKey = privateKeyOf(secretKeyJwk);
  assertHalvesMatch(privateKey, publicKeyJwk);
  const library = curve === 'Ed25519' ? Ed25519Multikey : curve === 'P-256' ? EcdsaMultikey : undefined;
  const multikey = library && (await library.fromJwk({ jwk: secretKeyJwk, secretKey: true, id, controller }));
  return { id, controller, curve, privateKey, multikey };
}

/**
 * A key pair, in Multikey or JWK form, made ready for the signers of both formats. Throws
 * `InvalidSigningKey` for a pair that cannot sign (an unknown curve, halves that do not match).
 */
export async function importSigningKey(pair: SigningKeyPair): Promise<SigningKey> {
  return pair.type === 'Multikey' ? fromMultikey(pair) : fromJwk(pair);
}
