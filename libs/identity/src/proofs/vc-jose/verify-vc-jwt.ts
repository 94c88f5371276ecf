import { decodeJwt, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { refusedHighS } from '../../keys/high-s.js';
import type { ProofPurpose } from '../../resolvers/verification-methods.js';
import { idOf } from '../member-id.js';
import { type ProofError, type ProofFailure, proofError, proofFailure, type ProofValid } from '../proof-verification.js';
import { type PresentedCredential, presentedCredential } from './enveloped-credential.js';
import { ACCEPTED_ALGORITHMS, signatureMatches } from './jws-algorithms.js';
import type { KeyResolution, KeyResolver } from './verification-key.js';

type JsonObject = Record<string, unknown>;

const VCDM2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** The media types VC-JOSE-COSE gives each kind of document, as `typ` and as `cty` (either with or without `application/`). */
const MEDIA_TYPES = {
  credential: { typ: 'vc+jwt', cty: 'vc', type: 'VerifiableCredential', signer: 'issuer', purpose: 'assertionMethod' },
  presentation: { typ: 'vp+jwt', cty: 'vp', type: 'VerifiablePresentation', signer: 'holder', purpose: 'authentication' },
} as const;

type Kind = keyof typeof MEDIA_TYPES;

const isMediaType = (value: unknown, name: string): boolean => value === name || value === `application/${name}`;

export type VcJwtVerification = (ProofValid & { credential: JsonObject }) | ProofFailure | ProofError;
export type VpJwtVerification = (ProofValid & { presentation: JsonObject; credentials: PresentedCredential[] }) | ProofFailure | ProofError;

interface Decoded {
  header: ProtectedHeaderParameters;
  payload: JsonObject;
}

/** The header and payload, checked against VC-JOSE-COSE before any key is looked at. */
function decoded(jws: unknown, kind: Kind): Decoded | ProofFailure {
  if (typeof jws !== 'string' || jws.split('.').length !== 3) return proofFailure('PROOF_MALFORMED', 'Not a compact JWS.');
  let header: ProtectedHeaderParameters;
  let payload: JsonObject;
  try {
    header = decodeProtectedHeader(jws);
    payload = decodeJwt(jws);
  } catch (error) {
    return proofFailure('PROOF_MALFORMED', `The JWS header or payload is not base64url-encoded JSON: ${(error as Error).message}`);
  }
  const media = MEDIA_TYPES[kind];
  if (typeof header.alg !== 'string' || !(ACCEPTED_ALGORITHMS as readonly string[]).includes(header.alg)) {
    return proofFailure(
      'SIGNATURE_ALGORITHM_NOT_ACCEPTED',
      `The JWS algorithm ${JSON.stringify(header.alg)} is not accepted (${ACCEPTED_ALGORITHMS.join(', ')}).`,
    );
  }
  if (header.crit !== undefined)
    return proofFailure(
      'JOSE_EXTENSION_NOT_UNDERSTOOD',
      `The JWS header makes extensions critical that are not understood here: ${JSON.stringify(header.crit)}.`,
    );
  if (!isMediaType(header.typ, media.typ))
    return proofFailure('MEDIA_TYPE_NOT_ACCEPTED', `The JWS typ is ${JSON.stringify(header.typ)}, not ${media.typ}.`);
  if (header.cty !== undefined && !isMediaType(header.cty, media.cty))
    return proofFailure('MEDIA_TYPE_NOT_ACCEPTED', `The JWS cty is ${JSON.stringify(header.cty)}, not ${media.cty}.`);
  if (typeof header.kid !== 'string') return proofFailure('PROOF_MALFORMED', 'The JWS header names no key (kid).');
  if ('vc' in payload || 'vp' in payload)
    return proofFailure('JOSE_CLAIMS_NOT_ALLOWED', 'The payload carries a vc or vp claim: a VC-JOSE-COSE payload is the document itself.');
  if ([payload['@context']].flat()[0] !== VCDM2_CONTEXT)
    return proofFailure('PROOF_MALFORMED', `The payload's first @context is not ${VCDM2_CONTEXT}.`);
  if (![payload.type].flat().includes(media.type))
    return proofFailure('PROOF_MALFORMED', `The payload's type does not include ${media.type}.`);
  const signer = idOf(payload[media.signer]);
  if (kind === 'credential' && signer === undefined) return proofFailure('PROOF_MALFORMED', 'The credential names no issuer.');
  if (payload.iss !== undefined && payload.iss !== signer)
    return proofFailure(
      'JOSE_CLAIMS_NOT_ALLOWED',
      `The iss claim ${JSON.stringify(payload.iss)} is not the ${media.signer} ${String(signer)}.`,
    );
  if (refusedHighS(header.alg, jws.slice(jws.lastIndexOf('.') + 1))) {
    return proofFailure(
      'SIGNATURE_HIGH_S',
      'The secp256k1 signature is in its high-S form (s above half the curve order), the twin of the one its signer made; only the low-S form is accepted.',
    );
  }
  return { header, payload };
}

async function verifyJws(jws: unknown, kind: Kind, resolveKey: KeyResolver): Promise<(ProofValid & Decoded) | ProofFailure | ProofError> {
  const parts = decoded(jws, kind);
  if ('status' in parts) return parts;
  const { header, payload } = parts;
  const media = MEDIA_TYPES[kind];
  let key: KeyResolution;
  try {
    key = await resolveKey({ kid: header.kid!, controller: idOf(payload[media.signer]), purpose: media.purpose satisfies ProofPurpose });
  } catch (error) {
    return proofError('PROOF_CHECK_FAILED', `The key could not be looked up: ${(error as Error).message}`);
  }
  if (key.status !== 'found') return key;
  if (!(await signatureMatches(jws as string, header.alg!, key.verificationMethod))) {
    return proofFailure('SIGNATURE_INVALID', `The signature does not verify against ${key.verificationMethod.id}.`);
  }
  return { status: 'valid', verificationMethod: key.verificationMethod.id, signer: key.signer, header, payload };
}

/**
 * Verifies a VC-JOSE-COSE credential (`vc+jwt`; unwrap an `EnvelopedVerifiableCredential` first):
 * the media types, no `alg: none`, no critical extensions, no `vc`/`vp` claim, a low-S signature by a
 * key the issuer lists under `assertionMethod`. The credential is the payload; validity dates,
 * status and schema are other checks'. Never throws for a bad JWS.
 */
export async function verifyVcJwt(jws: unknown, options: { resolveKey: KeyResolver }): Promise<VcJwtVerification> {
  const result = await verifyJws(jws, 'credential', options.resolveKey);
  if (result.status !== 'valid') return result;
  const { verificationMethod, signer, payload } = result;
  return { status: 'valid', verificationMethod, signer, credential: payload };
}

/**
 * Verifies a VC-JOSE-COSE presentation (`vp+jwt`) signed by a key its holder lists under
 * `authentication`, and the `nonce` and `aud` a verifier asked for. Its credentials come back as
 * carried, enveloped `vc+jwt` ones unwrapped to their JWS, for the caller to verify one by one; an
 * entry that is no credential at all is `ENVELOPE_MALFORMED`.
 */
export async function verifyVpJwt(
  jws: unknown,
  options: { resolveKey: KeyResolver; nonce?: string; audience?: string },
): Promise<VpJwtVerification> {
  const result = await verifyJws(jws, 'presentation', options.resolveKey);
  if (result.status !== 'valid') return result;
  const { verificationMethod, signer, payload } = result;
  if (options.nonce !== undefined && payload.nonce !== options.nonce)
    return proofFailure('CHALLENGE_MISMATCH', `The presentation signs the nonce ${JSON.stringify(payload.nonce)}, not the one asked for.`);
  if (options.audience !== undefined && ![payload.aud].flat().includes(options.audience)) {
    return proofFailure('DOMAIN_MISMATCH', `The presentation is for ${JSON.stringify(payload.aud)}, not ${options.audience}.`);
  }
  const credentials: PresentedCredential[] = [];
  for (const entry of [payload.verifiableCredential ?? []].flat()) {
    const presented = presentedCredential(entry);
    if (!presented)
      return proofFailure(
        'ENVELOPE_MALFORMED',
        'A verifiableCredential entry is neither a credential nor an EnvelopedVerifiableCredential whose id is a data URL (a compact JWS for application/vc+jwt).',
      );
    credentials.push(presented);
  }
  return { status: 'valid', verificationMethod, signer, presentation: payload, credentials };
}
