import { type CredentialKind, detectCredentialKind, type SignedBytes } from '#schemas';
import {
  type CheckOutcome,
  checkFormat,
  type CredentialCheck,
  type CredentialCheckName,
  invalid,
  KeySignatureCheck,
  SchemaCheck,
  valid,
  ValidityPeriodCheck,
} from '#verification';
import type { SigningKey } from '../identity/issuer-identity.service.js';

/**
 * The largest signed credential (its signed bytes: the VC-JWT) this issuer hands out. Verifiers accept
 * request bodies up to MAX_BODY_BYTES (512 KiB by default), and a credential travels in them as the
 * JWT plus its decoded JSON (about 1.75 times the JWT) with a receipt beside it, or inside a
 * presentation's JWT, base64url-encoded again (4/3). At 64 KiB a downloaded package stays under
 * 120 KiB and a presentation can carry five credentials of the largest size; ours are 3-5 KiB.
 */
export const MAX_SIGNED_CREDENTIAL_BYTES = 64 * 1024;

/**
 * How far ahead of the signing time a credential may start to be valid: a VC-API client's clock may
 * run a little ahead of ours, and verifiers tolerate CLOCK_SKEW_SECONDS (300 by default). None at the
 * end: what has expired by our clock is not handed out.
 */
const SIGNING_PERIOD = new ValidityPeriodCheck(60, 0);
const SCHEMA = new SchemaCheck();

export interface SignedCredentialProblem {
  check: 'size' | CredentialCheckName;
  message: string;
}

/**
 * The last line before a credential leaves the issuer: the verification library's offline checks,
 * run on the bytes just signed. Their size, that they decode to a credential (format), that its signature
 * verifies against the key just used, that it is still the kind it was built as and valid against
 * that kind's schema, and that it is valid now. The first problem found, or undefined.
 */
export async function checkSignedCredential(
  signed: SignedBytes,
  expected: { kind: CredentialKind; signingKey: SigningKey; now: Date },
): Promise<SignedCredentialProblem | undefined> {
  const bytes = Buffer.byteLength(signed.bytes, 'utf8');
  if (bytes > MAX_SIGNED_CREDENTIAL_BYTES) {
    return {
      check: 'size',
      message: `The signed credential would be ${bytes} bytes; this issuer signs at most ${MAX_SIGNED_CREDENTIAL_BYTES} bytes.`,
    };
  }
  const format = checkFormat(signed.bytes);
  if (!format.parsed) return problem('format', format.outcome);
  if (format.parsed.format !== signed.format)
    return { check: 'format', message: `The signed bytes read as ${format.parsed.format}, not as ${signed.format}.` };
  const checks: CredentialCheck[] = [new KeySignatureCheck(expected.signingKey), sameKind(expected.kind), SCHEMA, SIGNING_PERIOD];
  for (const check of checks) {
    const outcome = await check.run(format.parsed, { now: expected.now });
    if (outcome.status !== 'valid') return problem(check.name, outcome);
  }
  return undefined;
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

function problem(check: SignedCredentialProblem['check'], outcome: CheckOutcome): SignedCredentialProblem {
  return { check, message: outcome.reason?.message ?? `The ${check} check did not pass.` };
}
