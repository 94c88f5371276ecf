import { createDocumentLoader, type ProofVerification, verifyDataIntegrityCredential, verifyVcJwt } from '#identity';
import { type CredentialKind, detectCredentialKind, validateVcdmCredential } from '#schemas';
import {
  type CheckOutcome,
  checkFormat,
  type CredentialCheck,
  type CredentialCheckName,
  invalid,
  KeySignatureCheck,
  type ParsedCredential,
  SchemaCheck,
  valid,
  ValidityPeriodCheck,
} from '#verification';
import type { UsedKey } from '../identity/issuer-identity.service.js';
import { knownKeyJoseResolver, knownKeyResolver } from '../identity/known-key.js';
import type { IssuedSignedCredential } from '../identity/signed-credential.js';

/**
 * The largest signed credential (its signed bytes: the JWT, or the Data Integrity document) this
 * issuer hands out. Verifiers accept request bodies up to MAX_BODY_BYTES (512 KiB by default), and a
 * credential travels in them as the JWT plus its decoded JSON (about 1.75 times the JWT) with a
 * receipt beside it, or inside a presentation's JWT, base64url-encoded again (4/3). At 64 KiB a
 * downloaded package stays under 120 KiB and a presentation can carry five credentials of the largest
 * size; ours are 3-5 KiB.
 */
export const MAX_SIGNED_CREDENTIAL_BYTES = 64 * 1024;

/**
 * How far ahead of the signing time a VC-JWT may start to be valid: its issuanceDate (its `nbf`) says
 * when it was issued, and a VC-API client's clock may run a little ahead of ours (verifiers tolerate
 * CLOCK_SKEW_SECONDS, 300 by default). A VCDM 2.0 credential's validFrom may be any time ahead: it
 * says when it starts to hold, which may be later (a licence from next term). None at the end for
 * either: what has expired by our clock is not handed out.
 */
const SIGNING_PERIOD = new ValidityPeriodCheck(60, 0);
const SIGNING_PERIOD_V2 = new ValidityPeriodCheck(Number.POSITIVE_INFINITY, 0);
const SCHEMA = new SchemaCheck();

export interface SignedCredentialProblem {
  check: 'size' | CredentialCheckName;
  message: string;
}

/**
 * The last line before a credential leaves the issuer, run on the bytes just signed, offline: their
 * size; that they read as the format they were signed in; that the signature verifies against the
 * key just used (a VC-JWT with the verification library's key check, the other formats with the
 * identity library's verifiers, resolving nothing but that key); that it is still the kind it was
 * built as and valid against that kind's schema (any other credential: against the W3C data model);
 * and that it is valid now. The first problem found, or undefined.
 */
export async function checkSignedCredential(
  signed: IssuedSignedCredential,
  expected: { kind: CredentialKind | undefined; key: UsedKey; now: Date },
): Promise<SignedCredentialProblem | undefined> {
  const bytes = Buffer.byteLength(signed.bytes, 'utf8');
  if (bytes > MAX_SIGNED_CREDENTIAL_BYTES) {
    return {
      check: 'size',
      message: `The signed credential would be ${bytes} bytes; this issuer signs at most ${MAX_SIGNED_CREDENTIAL_BYTES} bytes.`,
    };
  }
  const read = await readSigned(signed, expected.key);
  if ('check' in read) return read;
  const { kind } = expected;
  const period = signed.format === 'vc-jwt' ? SIGNING_PERIOD : SIGNING_PERIOD_V2;
  const checks: CredentialCheck[] = [...read.signature, ...(kind ? [sameKind(kind), SCHEMA] : [dataModel(signed.format)]), period];
  for (const check of checks) {
    const outcome = await check.run(read.parsed, { now: expected.now });
    if (outcome.status !== 'valid') return problem(check.name, outcome);
  }
  return undefined;
}

/**
 * The signed bytes read as their format by the verification library, with the signature check still
 * to run (a VC-JWT's, against the key Veramo used) or already passed (the other formats', verified
 * with the identity library against the key just used).
 */
async function readSigned(
  signed: IssuedSignedCredential,
  used: UsedKey,
): Promise<{ parsed: ParsedCredential; signature: CredentialCheck[] } | SignedCredentialProblem> {
  const format = checkFormat(signed.format === 'ldp_vc' ? JSON.parse(signed.bytes) : signed.bytes);
  if (!format.parsed) return problem('format', format.outcome);
  if (format.parsed.format !== signed.format) {
    return { check: 'format', message: `The signed bytes read as ${format.parsed.format}, not as ${signed.format}.` };
  }
  if (signed.format === 'vc-jwt') {
    if (used.kind !== 'veramo') return { check: 'signature', message: 'A VC-JWT was signed with a key Veramo does not hold.' };
    return { parsed: format.parsed, signature: [new KeySignatureCheck(used.key)] };
  }
  if (used.kind !== 'proof') return { check: 'signature', message: `A ${signed.format} credential was signed with a key of Veramo's.` };
  const verification = await verifyProof(signed, used);
  if (verification.status !== 'valid') return { check: 'signature', message: verification.message };
  if (verification.verificationMethod !== used.key.id)
    return { check: 'signature', message: `The proof names ${verification.verificationMethod}, not the key just used (${used.key.id}).` };
  return { parsed: format.parsed, signature: [] };
}

async function verifyProof(signed: IssuedSignedCredential, { key }: Extract<UsedKey, { kind: 'proof' }>): Promise<ProofVerification> {
  if (signed.format === 'vc+jwt') {
    const verification = await verifyVcJwt(signed.bytes, { resolveKey: knownKeyJoseResolver(key) });
    if (verification.status === 'valid' && JSON.stringify(verification.credential) !== JSON.stringify(signed.credential))
      return { status: 'invalid', code: 'SIGNATURE_INVALID', message: 'The JWS payload is not the credential that was signed.' };
    return verification;
  }
  return verifyDataIntegrityCredential(JSON.parse(signed.bytes), { documentLoader: createDocumentLoader(knownKeyResolver(key)) });
}

/** The kind the credential reads as is the kind it was built as: part of its schema, for this issuer. */
function sameKind(kind: CredentialKind): CredentialCheck {
  return {
    name: 'schema',
    dependsOn: [],
    run: async ({ credential }) => {
      const found = detectCredentialKind(credential);
      return found === kind
        ? valid()
        : invalid('SCHEMA_INVALID', `The signed credential reads as ${found ?? 'no kind of ours'}, not as a ${kind}.`);
    },
  };
}

/** A credential of none of our kinds: the W3C data model of its version, with the proof its format carries. */
function dataModel(format: IssuedSignedCredential['format']): CredentialCheck {
  return {
    name: 'schema',
    dependsOn: [],
    run: async ({ credential }) => {
      const violations = validateVcdmCredential(credential, { proof: format === 'ldp_vc' ? 'required' : 'optional' });
      const summary = violations.map((v) => `${v.path || '/'} ${v.message}`).join('; ');
      return violations.length === 0 ? valid() : invalid('SCHEMA_INVALID', `The signed credential breaks the data model: ${summary}`);
    },
  };
}

function problem(check: SignedCredentialProblem['check'], outcome: CheckOutcome): SignedCredentialProblem {
  return { check, message: outcome.reason?.message ?? `The ${check} check did not pass.` };
}
