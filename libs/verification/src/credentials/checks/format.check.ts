import { lowSJws, lowSProofs } from '#identity';
import { CONTEXT_URLS, isJsonObject, type JsonObject, listOf } from '#schemas';
import { normalizeCredential } from 'did-jwt-vc';
import { CREDENTIAL_KIND, findSigned, idOf, jcsOf, joseFormatOf } from '../../formats/signed-input.js';
import { type CheckOutcome, invalid } from '../../pipeline/check.js';
import type { ParsedCredential, SignedJwt } from '../parsed-credential.js';

export type FormatResult = { parsed: ParsedCredential; outcome: CheckOutcome } | { parsed?: undefined; outcome: CheckOutcome };

const notACredential = (message: string): FormatResult => ({ outcome: invalid('FORMAT_NOT_A_CREDENTIAL', message) });

/**
 * The format check: reads a VC-JWT (VCDM 1.1 in a `vc` claim: a string, or a credential carrying it
 * as a `JwtProof2020` proof), a VC-JOSE-COSE `vc+jwt` (bare, or as an `EnvelopedVerifiableCredential`),
 * or a Data Integrity `ldp_vc` (a JSON credential with a `DataIntegrityProof` or
 * `Ed25519Signature2020` proof). Only what was signed is trusted downstream.
 */
export function checkFormat(input: unknown): FormatResult {
  const found = findSigned(input, CREDENTIAL_KIND);
  if ('outcome' in found) return found;
  if ('document' in found) return dataIntegrityCredential(found.document);
  const format = joseFormatOf(found.jws, CREDENTIAL_KIND);
  if (typeof format === 'object') return format;
  return format === 'jose' ? joseCredential(found.jws, found.outer) : jwtCredential(found.jws, found.outer);
}

/** A VCDM 1.1 VC-JWT: the credential in the `vc` claim, the issuer in `iss`, as did-jwt-vc reads them. */
function jwtCredential({ bytes, header, payload }: SignedJwt, outer?: JsonObject): FormatResult {
  if (!isJsonObject(payload.vc) || typeof payload.iss !== 'string')
    return notACredential('The JWT carries no `vc` claim or no `iss`: it is not a VC-JWT.');
  let normalized: JsonObject;
  try {
    normalized = normalizeCredential(bytes) as unknown as JsonObject;
  } catch (error) {
    return notACredential(`The VC-JWT does not decode to a credential: ${(error as Error).message}`);
  }
  const credential = withVcMembers(normalized, payload.iss);
  if (typeof credential === 'string') return notACredential(credential);
  return parsed({
    format: 'vc-jwt',
    bytes: lowSJws(bytes),
    credential,
    issuer: payload.iss,
    jwt: { header, payload },
    ...(outer ? { outer } : {}),
  });
}

/**
 * The credential with the members VCDM 1.1 puts in the `vc` claim. did-jwt-vc reads most of them from
 * the JWT's top level, where it writes them, and leaves the rest of `vc` aside: another issuer's
 * VC-JWT (1EdTech's) keeps its name and issuer profile there. A member at the top level wins, as
 * did-jwt-vc decides for the members it reads; the issuer profile must be the `iss`'s. A string says
 * what is wrong.
 */
function withVcMembers(normalized: JsonObject, iss: string): JsonObject | string {
  const { vc: leftover, ...credential } = normalized;
  if (!isJsonObject(leftover)) return credential;
  for (const [member, value] of Object.entries(leftover)) {
    if (member === 'issuer' && isJsonObject(value)) {
      if (value.id !== undefined && value.id !== iss)
        return `The vc claim names the issuer ${JSON.stringify(value.id)}, not the JWT's iss ${iss}.`;
      credential.issuer = { ...value, id: iss };
    } else if (!(member in credential)) credential[member] = value;
  }
  return credential;
}

/** A VC-JOSE-COSE credential: the payload is the VCDM 2.0 credential itself. */
function joseCredential({ bytes, header, payload }: SignedJwt, outer?: JsonObject): FormatResult {
  if ('vc' in payload || 'vp' in payload)
    return notACredential('A vc+jwt payload is the credential itself: it carries no `vc` or `vp` claim.');
  if (listOf(payload['@context'])[0] !== CONTEXT_URLS.credentialsV2)
    return notACredential(`A vc+jwt credential is VCDM 2.0: its first @context is ${CONTEXT_URLS.credentialsV2}.`);
  const problem = credentialProblem(payload);
  if (problem) return notACredential(problem);
  return parsed({
    format: 'vc+jwt',
    bytes: lowSJws(bytes),
    credential: payload,
    issuer: idOf(payload.issuer)!,
    jwt: { header, payload },
    outer,
  });
}

/** A credential with an embedded Data Integrity proof, in the one form its link and leaf are computed from. */
function dataIntegrityCredential(document: JsonObject): FormatResult {
  const problem = credentialProblem(document);
  if (problem) return notACredential(problem);
  const credential = lowSProofs(document);
  return parsed({ format: 'ldp_vc', bytes: jcsOf(credential), credential, issuer: idOf(credential.issuer)! });
}

function credentialProblem(document: JsonObject): string | undefined {
  if (!listOf(document.type).includes('VerifiableCredential')) return 'Its type does not include VerifiableCredential.';
  if (idOf(document.issuer) === undefined) return 'It names no issuer.';
  return undefined;
}

function parsed(credential: ParsedCredential): FormatResult {
  return { parsed: credential, outcome: { status: 'valid' } };
}
