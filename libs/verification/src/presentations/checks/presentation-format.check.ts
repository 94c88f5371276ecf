import { CONTEXT_URLS, isJsonObject, type JsonObject, listOf } from '#schemas';
import { parse } from 'did-resolver';
import { dateOf, secondsToDate } from '../../credentials/checks/validity-period.check.js';
import type { SignedJwt } from '../../credentials/parsed-credential.js';
import { findSigned, idOf, joseFormatOf, PRESENTATION_KIND } from '../../formats/signed-input.js';
import { type CheckOutcome, invalid } from '../../pipeline/check.js';
import type { ParsedPresentation } from '../parsed-presentation.js';

/** Credentials one presentation may carry: a transcript's worth, not a denial of service. */
const MAX_PRESENTED_CREDENTIALS = 100;

type PresentationRead = { parsed: ParsedPresentation } | { outcome: CheckOutcome };

const notAPresentation = (message: string): PresentationRead => ({ outcome: invalid('FORMAT_NOT_A_PRESENTATION', message) });

const strings = (value: unknown): string[] => listOf(value).filter((entry): entry is string => typeof entry === 'string');

/** The DID of a key's DID URL (`kid`, `verificationMethod`), if it is one. */
const didOfKey = (key: unknown): string | undefined => (typeof key === 'string' ? parse(key)?.did : undefined);

/**
 * The format check of a presentation: a VP-JWT (VCDM 1.1 in a `vp` claim, a string or with a
 * JwtProof2020 proof), a VC-JOSE-COSE `vp+jwt` (bare or enveloped), or a Data Integrity presentation;
 * only what its holder signed is read downstream.
 */
export function parsePresentation(input: unknown): PresentationRead {
  const found = findSigned(input, PRESENTATION_KIND);
  if ('outcome' in found) return found;
  const read = 'document' in found ? dataIntegrityPresentation(found.document, found.proofs[0]) : jwsPresentation(found.jws);
  if ('outcome' in read) return read;
  const { credentials } = read.parsed;
  if (credentials.length === 0 || credentials.length > MAX_PRESENTED_CREDENTIALS) {
    return {
      outcome: invalid(
        'PRESENTATION_CREDENTIALS_COUNT',
        `A presentation must carry from 1 to ${MAX_PRESENTED_CREDENTIALS} credentials; this one carries ${credentials.length}.`,
      ),
    };
  }
  return read;
}

/** A JWS by its `typ`: a VC-JOSE-COSE `vp+jwt`, or a VP-JWT. */
function jwsPresentation(jwt: SignedJwt): PresentationRead {
  const format = joseFormatOf(jwt, PRESENTATION_KIND);
  if (typeof format === 'object') return format;
  return format === 'jose' ? josePresentation(jwt) : jwtPresentation(jwt);
}

/** A VCDM 1.1 VP-JWT: its holder is `iss`, its challenge `nonce`, its audience `aud`. */
function jwtPresentation(jwt: SignedJwt): PresentationRead {
  const { payload } = jwt;
  if (typeof payload.iss !== 'string' || !isJsonObject(payload.vp))
    return notAPresentation('The JWT carries no `vp` claim or no `iss`: it is not a VP-JWT.');
  return {
    parsed: {
      format: 'vp-jwt',
      document: payload,
      jwt,
      holder: payload.iss,
      nonce: payload.nonce,
      audience: strings(payload.aud),
      period: { notBefore: secondsToDate(payload.nbf), notAfter: secondsToDate(payload.exp) },
      credentials: listOf(payload.vp.verifiableCredential),
    },
  };
}

/** A VC-JOSE-COSE presentation: the payload is the VCDM 2.0 presentation, its holder named or the DID of its key. */
function josePresentation(jwt: SignedJwt): PresentationRead {
  const { payload, header } = jwt;
  const problem = presentationProblem(payload);
  if (problem) return notAPresentation(problem);
  const holder = idOf(payload.holder) ?? didOfKey(header.kid);
  if (!holder) return notAPresentation('The vp+jwt names no holder, and its key is no DID URL.');
  return {
    parsed: {
      format: 'vp+jwt',
      document: payload,
      jwt,
      holder,
      nonce: payload.nonce,
      audience: strings(payload.aud),
      period: { notBefore: secondsToDate(payload.nbf), notAfter: secondsToDate(payload.exp) },
      credentials: listOf(payload.verifiableCredential),
    },
  };
}

/** A Data Integrity presentation: its proof signs the challenge and domain; its holder is named, or is the DID of its key. */
function dataIntegrityPresentation(document: JsonObject, proof: JsonObject): PresentationRead {
  if (!listOf(document.type).includes('VerifiablePresentation'))
    return notAPresentation('Its type does not include VerifiablePresentation.');
  const holder = idOf(document.holder) ?? didOfKey(proof.verificationMethod);
  if (!holder) return notAPresentation('The presentation names no holder, and its proof names no DID key.');
  return {
    parsed: {
      format: 'ldp_vp',
      document,
      holder,
      nonce: proof.challenge,
      audience: strings(proof.domain),
      period: { notBefore: undefined, notAfter: dateOf(proof.expires) },
      credentials: listOf(document.verifiableCredential),
    },
  };
}

function presentationProblem(payload: JsonObject): string | undefined {
  if ('vc' in payload || 'vp' in payload) return 'A vp+jwt payload is the presentation itself: it carries no `vc` or `vp` claim.';
  if (listOf(payload['@context'])[0] !== CONTEXT_URLS.credentialsV2)
    return `A vp+jwt presentation is VCDM 2.0: its first @context is ${CONTEXT_URLS.credentialsV2}.`;
  if (!listOf(payload.type).includes('VerifiablePresentation')) return 'Its type does not include VerifiablePresentation.';
  return undefined;
}
