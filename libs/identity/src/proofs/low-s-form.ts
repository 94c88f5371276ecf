import { base58ToBytes, bytesToBase58 } from 'did-jwt';
import { NORMALISED_ALGORITHMS, toLowS } from '../keys/high-s.js';

type JsonObject = Record<string, unknown>;

/** The JWS algorithm of a P-256 or P-384 ECDSA signature, by its length (r || s). */
const ALGORITHM_BY_LENGTH: Record<number, (typeof NORMALISED_ALGORITHMS)[number]> = { 64: 'ES256', 96: 'ES384' };

/**
 * A compact JWS with a P-256 or P-384 signature (ES256, ES384) in its low-S form; any other JWS, or
 * one that does not decode, as it is. Both forms verify, so this is the same credential in the one
 * form our links and anchor leaves are computed from.
 */
export function lowSJws(jws: string): string {
  const [header, payload, signature, ...rest] = jws.split('.');
  if (signature === undefined || rest.length > 0) return jws;
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
  } catch {
    return jws;
  }
  if (!(NORMALISED_ALGORITHMS as readonly unknown[]).includes(alg)) return jws;
  const low = toLowS(alg as string, Buffer.from(signature, 'base64url'));
  return `${header}.${payload}.${Buffer.from(low).toString('base64url')}`;
}

function lowSProof(proof: unknown): unknown {
  const { cryptosuite, proofValue } = (proof ?? {}) as JsonObject;
  if (cryptosuite !== 'ecdsa-rdfc-2019' || typeof proofValue !== 'string' || !proofValue.startsWith('z')) return proof;
  let signature: Uint8Array;
  try {
    signature = base58ToBytes(proofValue.slice(1));
  } catch {
    return proof;
  }
  const alg = ALGORITHM_BY_LENGTH[signature.length];
  if (!alg) return proof;
  const low = toLowS(alg, signature);
  return low === signature ? proof : { ...(proof as JsonObject), proofValue: `z${bytesToBase58(low)}` };
}

/**
 * A Data Integrity document whose `ecdsa-rdfc-2019` proofs (P-256, P-384) are in their low-S form;
 * other proofs as they are. A fresh object when anything changed, the document itself otherwise.
 */
export function lowSProofs<T extends JsonObject>(document: T): T {
  if (document.proof === undefined) return document;
  const proofs = Array.isArray(document.proof) ? document.proof.map(lowSProof) : lowSProof(document.proof);
  const changed = Array.isArray(proofs) ? proofs.some((proof, i) => proof !== (document.proof as unknown[])[i]) : proofs !== document.proof;
  return changed ? { ...document, proof: proofs } : document;
}
