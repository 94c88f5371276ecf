import { type CertificateFacts, certificateFactsSchema } from './certificate/certificate.js';
import { compileSchema, type SchemaViolation, violationsOf } from './common/ajv.js';
import { type CourseFacts, courseFactsSchema } from './course/course.js';
import { type CreditFacts, creditFactsSchema } from './credit/credit.js';

export type CredentialKind = 'course' | 'certificate' | 'credit';
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['course', 'certificate', 'credit'];

/** What a registrar sends to issue one credential: the kind and its plain facts. */
export type CredentialFacts = CourseFacts | CertificateFacts | CreditFacts;

/** The request body's schema: one branch per kind, chosen by `kind`. */
export const credentialFactsSchema = {
  type: 'object',
  discriminator: { propertyName: 'kind' },
  properties: { kind: { enum: CREDENTIAL_KINDS } },
  required: ['kind'],
  oneOf: [courseFactsSchema, certificateFactsSchema, creditFactsSchema],
} as const;

const validate = compileSchema(credentialFactsSchema);

export function validateFacts(body: unknown): { ok: true; value: CredentialFacts } | { ok: false; violations: SchemaViolation[] } {
  const violations = violationsOf(validate, body);
  return violations.length === 0 ? { ok: true, value: body as CredentialFacts } : { ok: false, violations };
}
