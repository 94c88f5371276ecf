import { certificateCredentialParts } from './certificate/certificate.credential.js';
import {
  type BuildContext,
  type CredentialParts,
  envelope,
  envelopeV2,
  type UnsignedCredential,
  type UnsignedCredentialV2,
} from './common/credential-envelope.js';
import { courseCredentialParts } from './course/course.credential.js';
import { creditCredentialParts } from './credit/credit.credential.js';
import type { CredentialFacts } from './facts.js';
import type { CredentialStatusEntry } from './status-list/bitstring-status-list.js';

/** How to build a VCDM 2.0 credential: current Open Badges 3.0, with its one status entry. */
export interface BuildOptionsV2 {
  dataModel: '2.0';
  credentialStatus: CredentialStatusEntry;
}

/**
 * The unsigned Open Badges 3.0 credential for a registrar's facts: in the VCDM 1.1 shape Veramo
 * signs as a VC-JWT (the v1 context, issuanceDate, no status: the issuer adds its entries), or, with
 * `{ dataModel: '2.0', credentialStatus }`, the VCDM 2.0 shape current Open Badges wants (the v2
 * context, validFrom, the one status entry given). Pure: the id, the signing time, the status entry
 * and, for repeatable hashes, the salt come from the caller.
 */
export function buildCredential(facts: CredentialFacts, ctx: BuildContext): UnsignedCredential;
export function buildCredential(facts: CredentialFacts, ctx: BuildContext, options: BuildOptionsV2): UnsignedCredentialV2;
export function buildCredential(
  facts: CredentialFacts,
  ctx: BuildContext,
  options?: BuildOptionsV2,
): UnsignedCredential | UnsignedCredentialV2 {
  const parts = partsOf(facts, ctx);
  return options ? envelopeV2(facts, ctx, parts, options.credentialStatus) : envelope(facts, ctx, parts);
}

function partsOf(facts: CredentialFacts, ctx: BuildContext): CredentialParts {
  switch (facts.kind) {
    case 'course':
      return courseCredentialParts(facts, ctx);
    case 'certificate':
      return certificateCredentialParts(facts, ctx);
    case 'credit':
      return creditCredentialParts(facts, ctx);
  }
}
