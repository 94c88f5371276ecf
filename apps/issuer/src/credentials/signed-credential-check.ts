import { type CredentialKind, detectCredentialKind, validateCredential } from '#schemas';
import { decodeJWT } from 'did-jwt';
import { normalizeCredential } from 'did-jwt-vc';
import { createPublicKey, verify } from 'node:crypto';
import type { SigningKey } from '../identity/issuer-identity.service.js';

/**
 * The largest signed credential (the VC-JWT, in bytes) this issuer hands out. Verifiers accept
 * request bodies up to MAX_BODY_BYTES (512 KiB by default), and a credential travels in them as the
 * JWT plus its decoded JSON (about 1.75 times the JWT) with a receipt beside it, or inside a
 * presentation's JWT, base64url-encoded again (4/3). At 64 KiB a downloaded package stays under
 * 120 KiB and a presentation can carry five credentials of the largest size; ours are 3-5 KiB.
 */
export const MAX_SIGNED_CREDENTIAL_BYTES = 64 * 1024;

/**
 * How far ahead of the signing time a credential may start to be valid: a VC-API client's clock may
 * run a little ahead of ours, and verifiers tolerate CLOCK_SKEW_SECONDS (300 by default).
 */
const SIGNING_CLOCK_TOLERANCE_SECONDS = 60;

/** DER prefixes of a secp256k1 public key in SubjectPublicKeyInfo form, by the length of the point (compressed, uncompressed). */
const SECP256K1_SPKI_PREFIX: Record<number, Buffer> = {
  33: Buffer.from('3036301006072a8648ce3d020106052b8104000a032200', 'hex'),
  65: Buffer.from('3056301006072a8648ce3d020106052b8104000a034200', 'hex'),
};
/** Half the order of secp256k1: verifiers refuse a signature whose s is above it (its high-S twin). */
const SECP256K1_HALF_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n >> 1n;

type SignedCredentialCheck = 'size' | 'format' | 'signature' | 'schema' | 'validity-period';

export interface SignedCredentialProblem {
  check: SignedCredentialCheck;
  message: string;
}

/**
 * The last line before a credential leaves the issuer: what a verifier checks offline, run on the
 * JWT just signed. Its size, that it decodes to a credential, that its signature verifies against
 * the key just used, that it is still the kind it was built as and valid against that kind's
 * schema, and that it is valid now. The first problem found, or undefined.
 */
export function checkSignedCredential(
  jwt: string,
  expected: { kind: CredentialKind; signingKey: SigningKey; now: Date },
): SignedCredentialProblem | undefined {
  const bytes = Buffer.byteLength(jwt, 'utf8');
  if (bytes > MAX_SIGNED_CREDENTIAL_BYTES) {
    return { check: 'size', message: `The signed credential would be ${bytes} bytes; this issuer signs at most ${MAX_SIGNED_CREDENTIAL_BYTES} bytes.` };
  }
  let header: { alg?: unknown };
  let payload: { iss?: unknown; nbf?: unknown; exp?: unknown };
  let credential: Record<string, unknown>;
  try {
    ({ header, payload } = decodeJWT(jwt));
    credential = normalizeCredential(jwt) as unknown as Record<string, unknown>;
  } catch (error) {
    return { check: 'format', message: `The JWT does not decode to a credential: ${(error as Error).message}` };
  }
  const { did } = expected.signingKey;
  if (payload.iss !== did) return { check: 'signature', message: `The JWT names ${String(payload.iss)} as its issuer, not ${did}.` };
  const signatureProblem = es256kProblem(jwt, header, expected.signingKey);
  if (signatureProblem) return { check: 'signature', message: signatureProblem };
  const kind = detectCredentialKind(credential);
  if (kind !== expected.kind) return { check: 'schema', message: `The signed credential reads as ${kind ?? 'no kind of ours'}, not as a ${expected.kind}.` };
  const violations = validateCredential(kind, credential);
  if (violations.length > 0) return { check: 'schema', message: violations.map((v) => `${v.path} ${v.message}`).join('; ') };
  return validityProblem(payload, credential, expected.now);
}

/**
 * An ES256K JWS against a secp256k1 public key, with node:crypto: the same verification as did-jwt's
 * (r||s over SHA-256 of the signing input), about five times faster, which matters on every issuance.
 * A high-S signature is refused as verifiers refuse it.
 */
function es256kProblem(jwt: string, header: { alg?: unknown }, { publicKeyHex }: SigningKey): string | undefined {
  if (header.alg !== 'ES256K') return `The JWT is signed with ${String(header.alg)}, not ES256K.`;
  const point = Buffer.from(publicKeyHex, 'hex');
  const prefix = SECP256K1_SPKI_PREFIX[point.length];
  if (!prefix) return 'The signing key is not a secp256k1 public key.';
  const signingInput = jwt.slice(0, jwt.lastIndexOf('.'));
  const signature = Buffer.from(jwt.slice(jwt.lastIndexOf('.') + 1), 'base64url');
  if (signature.length !== 64) return 'The signature is not 64 bytes (r||s).';
  if (BigInt(`0x${signature.subarray(32).toString('hex')}`) > SECP256K1_HALF_ORDER) return 'The signature is high-S, which verifiers refuse.';
  const key = createPublicKey({ key: Buffer.concat([prefix, point]), format: 'der', type: 'spki' });
  return verify('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' }, signature)
    ? undefined
    : 'The signature does not verify against the signing key.';
}

/** The period from the signed claims and their VCDM 2.0 twins, as a verifier's validity check reads it. */
function validityProblem(payload: { nbf?: unknown; exp?: unknown }, credential: Record<string, unknown>, now: Date): SignedCredentialProblem | undefined {
  const instants = (values: unknown[]) => values.filter((value) => value !== undefined).map((value) => (typeof value === 'number' ? value * 1000 : Date.parse(String(value))));
  const starts = instants([payload.nbf, credential.validFrom]);
  const ends = instants([payload.exp, credential.validUntil]);
  if ([...starts, ...ends].some(Number.isNaN)) return { check: 'validity-period', message: 'A validity date of the signed credential is not a date.' };
  const start = Math.max(...starts);
  const end = Math.min(...ends);
  if (start > now.getTime() + SIGNING_CLOCK_TOLERANCE_SECONDS * 1000) {
    return { check: 'validity-period', message: `The credential would be valid only from ${new Date(start).toISOString()}: verifiers would refuse it until then.` };
  }
  if (end <= now.getTime()) return { check: 'validity-period', message: `The credential would have expired at ${new Date(end).toISOString()}, before it was signed.` };
  return undefined;
}
