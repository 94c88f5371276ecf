import type { SigningKey } from '../../keys/signing-key.js';
import { ALGORITHM_OF, signingInputSignature } from './jws-algorithms.js';

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function signJws(header: Record<string, string>, payload: object, key: SigningKey): string {
  const alg = ALGORITHM_OF[key.curve];
  const signingInput = `${encode({ alg, ...header, kid: key.id })}.${encode(payload)}`;
  return `${signingInput}.${signingInputSignature(alg, signingInput, key.privateKey)}`;
}

/**
 * Secures a VCDM 2.0 credential as VC-JOSE-COSE: a compact JWS whose payload is the credential
 * itself, `typ: vc+jwt`, `cty: vc`, `kid` the verification method. EdDSA with an Ed25519 key, ES256
 * with P-256, ES256K with secp256k1, ECDSA signatures in their low-S form. The credential is taken
 * as it is: its data model is the caller's to check.
 */
export function signVcJwt(credential: object, key: SigningKey): string {
  return signJws({ typ: 'vc+jwt', cty: 'vc' }, credential, key);
}

/**
 * Secures a VCDM 2.0 presentation as `vp+jwt`, its credentials enveloped inside; `nonce` and `aud`
 * carry a verifier's challenge and domain as JWT claims.
 */
export function signVpJwt(presentation: object, key: SigningKey, options: { nonce?: string; aud?: string } = {}): string {
  return signJws({ typ: 'vp+jwt', cty: 'vp' }, { ...presentation, ...options }, key);
}
