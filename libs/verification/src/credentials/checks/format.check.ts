import { normalizeCredential } from 'did-jwt-vc';
import { isJsonObject } from '#schemas';
import { type CheckOutcome, invalid } from '../../pipeline/check.js';
import type { ParsedCredential, SignedJwt } from '../parsed-credential.js';

const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const UNSIGNED_JWT = /\.$/;
const ENVELOPE_PREFIXES = ['data:application/vc+jwt,', 'data:application/jwt,'];
const ENVELOPE_MEMBERS = ['@context', 'id', 'type'];

export type FormatResult = { parsed: ParsedCredential; outcome: CheckOutcome } | { parsed?: undefined; outcome: CheckOutcome };

/** What kind of document a JWT is looked for in, for the problems reported: a credential, or a presentation. */
export interface JwtDocument {
  noun: string;
  /** The JWT's name as a format (VC-JWT) and as the signed token in a sentence (the JWT). */
  jwt: string;
  token: string;
}

const CREDENTIAL: JwtDocument = { noun: 'credential', jwt: 'VC-JWT', token: 'JWT' };

/**
 * The format check: accepts a VC-JWT (a string), a credential carrying its JWT as a JwtProof2020
 * proof, or an enveloped credential (`data:application/vc+jwt,<jwt>`), and decodes the JWT. Only
 * what it decodes from the JWT is trusted downstream.
 */
export function checkFormat(input: unknown): FormatResult {
  const decoded = decodeSignedJwt(input, CREDENTIAL);
  if ('outcome' in decoded) return decoded;
  const vc = decoded.payload.vc;
  if (typeof vc !== 'object' || vc === null || typeof decoded.payload.iss !== 'string') {
    return { outcome: invalid('FORMAT_NOT_A_CREDENTIAL', 'The JWT carries no `vc` claim or no `iss`: it is not a VC-JWT.') };
  }
  let credential: ParsedCredential['credential'];
  try {
    credential = normalizeCredential(decoded.bytes) as ParsedCredential['credential'];
  } catch (error) {
    return { outcome: invalid('FORMAT_NOT_A_CREDENTIAL', `The VC-JWT does not decode to a credential: ${(error as Error).message}`) };
  }
  return {
    parsed: {
      format: 'vc-jwt',
      bytes: decoded.bytes,
      credential,
      header: decoded.header,
      payload: decoded.payload as ParsedCredential['payload'],
      outer: decoded.outer,
    },
    outcome: { status: 'valid' },
  };
}

/**
 * The signed compact JWT in a string, a `JwtProof2020` proof or an envelope, decoded, with the
 * object around it; or the format outcome that says why there is none.
 */
export function decodeSignedJwt(
  input: unknown,
  what: JwtDocument,
): (SignedJwt & { outer?: Record<string, unknown> }) | { outcome: CheckOutcome } {
  const found = findJwt(input, what);
  if ('problem' in found) return { outcome: invalid(found.code ?? 'FORMAT_UNRECOGNISED', found.problem) };
  // An empty signature segment: `alg: none`.
  if (UNSIGNED_JWT.test(found.jwt))
    return { outcome: invalid('FORMAT_UNSIGNED_JWT', `The ${what.token} carries no signature (\`alg: none\` is never accepted).`) };
  const decoded = decodeJwt(found.jwt);
  if ('problem' in decoded) return { outcome: invalid('FORMAT_MALFORMED_JWT', decoded.problem) };
  return { bytes: found.jwt, ...decoded, ...(found.outer ? { outer: found.outer } : {}) };
}

/** The compact JWT in a string, a `JwtProof2020` proof or an envelope, with the object around it. A problem without a code of its own is FORMAT_UNRECOGNISED. */
function findJwt(
  input: unknown,
  what: JwtDocument,
): { jwt: string; outer?: Record<string, unknown> } | { problem: string; code?: 'FORMAT_ENVELOPE_EXTRA_MEMBERS' } {
  if (typeof input === 'string') {
    return JWT_PATTERN.test(input) ? { jwt: input } : { problem: `The ${what.noun} string is not a compact JWT.` };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { problem: `Expected a ${what.jwt} string or a ${what.noun} object.` };
  }
  const outer = input as Record<string, unknown>;
  const envelope = typeof outer.id === 'string' ? ENVELOPE_PREFIXES.find((p) => (outer.id as string).startsWith(p)) : undefined;
  if (envelope && typeof outer.type === 'string' && outer.type === 'EnvelopedVerifiableCredential') {
    // Members beside the envelope would be claims nobody signed, shown next to ones somebody did.
    const extra = Object.keys(outer).filter((member) => !ENVELOPE_MEMBERS.includes(member));
    if (extra.length > 0) {
      return {
        code: 'FORMAT_ENVELOPE_EXTRA_MEMBERS',
        problem: `An EnvelopedVerifiableCredential carries only ${ENVELOPE_MEMBERS.join(', ')}; this one also has ${extra.join(', ')}.`,
      };
    }
    return findJwt((outer.id as string).slice(envelope.length), what);
  }
  const proof = outer.proof as { type?: unknown; jwt?: unknown } | undefined;
  if (proof?.type === 'JwtProof2020' && typeof proof.jwt === 'string') {
    return JWT_PATTERN.test(proof.jwt) ? { jwt: proof.jwt, outer } : { problem: 'proof.jwt is not a compact JWT.' };
  }
  return { problem: `The ${what.noun} has no JWT proof: only ${what.jwt} ${what.noun}s are accepted.` };
}

function decodeJwt(jwt: string): { header: ParsedCredential['header']; payload: Record<string, unknown> } | { problem: string } {
  const [header, payload] = jwt.split('.').slice(0, 2).map(decodeSegment);
  if (!isJsonObject(header) || !isJsonObject(payload)) return { problem: 'The JWT header or payload is not base64url-encoded JSON.' };
  return { header, payload };
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
