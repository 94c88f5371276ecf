import { certificateFactsSchema, type CertificateFacts } from './certificate/certificate.facts.js';
import { compileSchema, type SchemaViolation, violationsOf } from './common/ajv.js';
import { courseFactsRuleViolations, courseFactsSchema, type CourseFacts } from './course/course.facts.js';
import { creditFactsRuleViolations, creditFactsSchema, type CreditFacts } from './credit/credit.facts.js';

export type CredentialKind = 'course' | 'certificate' | 'credit';
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['course', 'certificate', 'credit'];

/** What a registrar sends to issue one credential: the kind and its plain facts. */
export type CredentialFacts = CourseFacts | CertificateFacts | CreditFacts;

/** The request body's JSON Schema (draft-07): one branch per kind, chosen by `kind`. */
export const credentialFactsSchema = {
  type: 'object',
  discriminator: { propertyName: 'kind' },
  properties: { kind: { enum: CREDENTIAL_KINDS } },
  required: ['kind'],
  oneOf: [courseFactsSchema, certificateFactsSchema, creditFactsSchema],
} as const;

const validate = compileSchema(credentialFactsSchema);

/**
 * Checks a request body against the facts schema, then what a schema cannot say. `value` repeats
 * `facts` for the ValidBody pipe of service-kit, which reads validations as `{ ok, value }`.
 */
export function validateFacts(
  body: unknown,
): { ok: true; facts: CredentialFacts; value: CredentialFacts } | { ok: false; violations: SchemaViolation[] } {
  const schemaViolations = violationsOf(validate, body);
  if (schemaViolations.length > 0) return { ok: false, violations: schemaViolations };
  const facts = body as CredentialFacts;
  const ruleViolations =
    facts.kind === 'credit' ? creditFactsRuleViolations(facts) : facts.kind === 'course' ? courseFactsRuleViolations(facts) : [];
  return ruleViolations.length > 0 ? { ok: false, violations: ruleViolations } : { ok: true, facts, value: facts };
}
