import { buildCertificateCredential } from './certificate/certificate.credential.js';
import type { BuildContext, UnsignedCredential } from './common/credential-envelope.js';
import { buildCourseCredential } from './course/course.credential.js';
import { buildCreditCredential } from './credit/credit.credential.js';
import type { CredentialFacts } from './facts.js';

/**
 * The unsigned Open Badges 3.0 credential (VCDM 1.1 shape) for a registrar's facts. Pure: the id,
 * the signing time and, for repeatable hashes, the salt come from the caller.
 */
export function buildCredential(facts: CredentialFacts, ctx: BuildContext): UnsignedCredential {
  switch (facts.kind) {
    case 'course':
      return buildCourseCredential(facts, ctx);
    case 'certificate':
      return buildCertificateCredential(facts, ctx);
    case 'credit':
      return buildCreditCredential(facts, ctx);
  }
}
