import { isVerifiedProofType } from '#identity';
import { isJsonObject, type JsonObject, listOf } from '#schemas';
import canonicalizeModule from 'canonicalize';
import { type CheckOutcome, invalid } from '../pipeline/check.js';
import type { SignedJwt } from '../credentials/parsed-credential.js';

// canonicalize is CommonJS (`module.exports = serialize`); under NodeNext its types put the function on `.default`.
const canonicalize = canonicalizeModule as unknown as typeof canonicalizeModule.default;

const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const UNSIGNED_JWT = /\.$/;
const DATA_URL = /^data:([^,;]+)((?:;[^,]*)?),(.*)$/s;
const ENVELOPE_MEMBERS = ['@context', 'id', 'type'];
const VCDM2_BASE_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** What a document is looked for as: a credential or a presentation, with the words and media types of each. */
export interface DocumentKind {
  noun: 'credential' | 'presentation';
  /** The W3C type every such document carries. */
  type: 'VerifiableCredential' | 'VerifiablePresentation';
  envelope: 'EnvelopedVerifiableCredential' | 'EnvelopedVerifiablePresentation';
  /** The media types of an envelope whose data is a compact JWT of this kind. */
  envelopedJwt: readonly string[];
  /** The VC-JOSE-COSE `typ` and `cty`, and the VCDM 1.1 JWT claim and name. */
  jose: { typ: 'vc+jwt' | 'vp+jwt'; cty: 'vc' | 'vp' };
  claim: 'vc' | 'vp';
  jwtName: 'VC-JWT' | 'VP-JWT';
}

export const CREDENTIAL_KIND: DocumentKind = {
  noun: 'credential',
  type: 'VerifiableCredential',
  envelope: 'EnvelopedVerifiableCredential',
  envelopedJwt: ['application/vc+jwt', 'application/jwt'],
  jose: { typ: 'vc+jwt', cty: 'vc' },
  claim: 'vc',
  jwtName: 'VC-JWT',
};

export const PRESENTATION_KIND: DocumentKind = {
  noun: 'presentation',
  type: 'VerifiablePresentation',
  envelope: 'EnvelopedVerifiablePresentation',
  envelopedJwt: ['application/vp+jwt', 'application/jwt'],
  jose: { typ: 'vp+jwt', cty: 'vp' },
  claim: 'vp',
  jwtName: 'VP-JWT',
};

/** Where the signature of an input is: in a compact JWS (with any JSON object it came wrapped in), or embedded in a JSON document. */
export type SignedInput =
  { jws: SignedJwt; outer?: JsonObject } | { document: JsonObject; proofs: JsonObject[] } | { outcome: CheckOutcome };

/**
 * The signed form of an input: a compact JWS (a string, a `JwtProof2020` proof, or an envelope
 * `data:application/vc+jwt,…`), decoded; or a JSON document with a Data Integrity proof. Anything
 * else is the format outcome that says why it is not read.
 */
export function findSigned(input: unknown, kind: DocumentKind): SignedInput {
  if (typeof input === 'string') {
    return JWT_PATTERN.test(input)
      ? decodeJws(input, kind)
      : { outcome: invalid('FORMAT_UNRECOGNISED', `The ${kind.noun} string is not a compact JWT.`) };
  }
  if (!isJsonObject(input)) {
    return { outcome: invalid('FORMAT_UNRECOGNISED', `Expected a ${kind.jwtName} string or a ${kind.noun} object.`) };
  }
  if (listOf(input.type).includes(kind.envelope)) return unwrap(input, kind);
  const proofs = listOf(input.proof);
  const jwtProof = proofs.find((proof) => isJsonObject(proof) && proof.type === 'JwtProof2020' && typeof proof.jwt === 'string');
  if (jwtProof) {
    const jwt = (jwtProof as JsonObject).jwt as string;
    if (!JWT_PATTERN.test(jwt)) return { outcome: invalid('FORMAT_UNRECOGNISED', 'proof.jwt is not a compact JWT.') };
    const decoded = decodeJws(jwt, kind);
    return 'jws' in decoded ? { ...decoded, outer: input } : decoded;
  }
  if (proofs.length === 0) {
    return {
      outcome: invalid(
        'FORMAT_NO_PROOF',
        `The ${kind.noun} carries no proof and is no JWT: it is not signed (or signed in a way this verifier does not read).`,
      ),
    };
  }
  const ours = proofs.filter((proof): proof is JsonObject => isJsonObject(proof) && isVerifiedProofType(proof));
  if (ours.length === 0) {
    const kinds = proofs.map((proof) => [objectOrEmpty(proof).type, objectOrEmpty(proof).cryptosuite].filter((part) => part !== undefined));
    return {
      outcome: invalid(
        'FORMAT_PROOF_TYPE_UNSUPPORTED',
        `The ${kind.noun}'s proof is of a type this verifier does not verify (${kinds.map((parts) => parts.join(' ')).join(', ')}); ` +
          'it verifies DataIntegrityProof eddsa-rdfc-2022 and ecdsa-rdfc-2019, Ed25519Signature2020, and JWTs.',
      ),
    };
  }
  return { document: input, proofs: ours };
}

function objectOrEmpty(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** An envelope's JWT: members beside `@context`, `id` and `type` would be claims nobody signed, shown next to ones somebody did. */
function unwrap(envelope: JsonObject, kind: DocumentKind): SignedInput {
  const extra = Object.keys(envelope).filter((member) => !ENVELOPE_MEMBERS.includes(member));
  if (extra.length > 0) {
    return {
      outcome: invalid(
        'FORMAT_ENVELOPE_EXTRA_MEMBERS',
        `An ${kind.envelope} carries only ${ENVELOPE_MEMBERS.join(', ')}; this one also has ${extra.join(', ')}.`,
      ),
    };
  }
  // VCDM 2.0, 4.13: the envelope's own @context defines id, type and its type, as the base context does, named first as in any VCDM 2.0 object.
  if (listOf(envelope['@context'])[0] !== VCDM2_BASE_CONTEXT) {
    return {
      outcome: invalid(
        'FORMAT_ENVELOPE_CONTEXT_INVALID',
        `An ${kind.envelope}'s @context names ${VCDM2_BASE_CONTEXT} first; this one does not.`,
      ),
    };
  }
  const match = typeof envelope.id === 'string' ? DATA_URL.exec(envelope.id) : null;
  if (!match) return { outcome: invalid('FORMAT_UNRECOGNISED', `The ${kind.envelope}'s id is not a data: URL.`) };
  const [, mediaType, parameters, data] = match;
  if (!kind.envelopedJwt.includes(mediaType)) {
    return {
      outcome: invalid(
        'FORMAT_MEDIA_TYPE_NOT_ACCEPTED',
        `The ${kind.noun} is enveloped as ${mediaType}, which this verifier does not verify (${kind.envelopedJwt.join(', ')}).`,
      ),
    };
  }
  if (parameters !== '' || !JWT_PATTERN.test(data))
    return { outcome: invalid('FORMAT_UNRECOGNISED', `The ${kind.envelope} does not hold a compact JWT.`) };
  return decodeJws(data, kind);
}

function decodeJws(jws: string, kind: DocumentKind): SignedInput {
  // An empty signature segment: `alg: none`.
  if (UNSIGNED_JWT.test(jws))
    return { outcome: invalid('FORMAT_UNSIGNED_JWT', `The ${kind.noun} JWT carries no signature (\`alg: none\` is never accepted).`) };
  const [header, payload] = jws.split('.').slice(0, 2).map(decodeSegment);
  if (!isJsonObject(header) || !isJsonObject(payload))
    return { outcome: invalid('FORMAT_MALFORMED_JWT', 'The JWT header or payload is not base64url-encoded JSON.') };
  return { jws: { bytes: jws, header, payload } };
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** VC-JOSE-COSE writes a media type with or without `application/`. */
export const isMediaType = (value: unknown, name: string): boolean => value === name || value === `application/${name}`;

/**
 * Which JWT a JWS is by its `typ`: the VC-JOSE-COSE one of the kind (`vc+jwt`, `vp+jwt`), a VCDM 1.1
 * VC-JWT or VP-JWT (`JWT`, or none), or a media type this verifier does not accept.
 */
export function joseFormatOf({ header }: SignedJwt, kind: DocumentKind): 'jose' | 'jwt' | { outcome: CheckOutcome } {
  const { typ, cty } = header;
  if (isMediaType(typ, kind.jose.typ)) {
    if (cty === undefined || isMediaType(cty, kind.jose.cty)) return 'jose';
    return mediaTypeRefused(`The JWS cty is ${JSON.stringify(cty)}, not ${kind.jose.cty}.`);
  }
  if (typ === undefined || (typeof typ === 'string' && typ.toUpperCase() === 'JWT')) return 'jwt';
  return mediaTypeRefused(`The JWS typ is ${JSON.stringify(typ)}: neither ${kind.jose.typ} nor a ${kind.jwtName} (JWT).`);
}

function mediaTypeRefused(message: string): { outcome: CheckOutcome } {
  return { outcome: invalid('FORMAT_MEDIA_TYPE_NOT_ACCEPTED', message) };
}

/** The `id` of a member that is a URL or an object with an `id` (`issuer`, `holder`). */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const id = isJsonObject(value) ? value.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** The RFC 8785 (JCS) serialization of a JSON document: the form an `ldp_vc`'s link and anchor leaf are computed from. */
export function jcsOf(document: JsonObject): string {
  return canonicalize(document)!;
}
