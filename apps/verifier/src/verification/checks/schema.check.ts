import { detectCredentialKind, validateCredential } from '#schemas';
import { type CheckOutcome, type CredentialCheck, invalid, type ParsedCredential, valid } from '../check.js';

/** The signed credential against its kind's schema (course, certificate, credit). */
export class SchemaCheck implements CredentialCheck {
  readonly name = 'schema';

  async run(credential: ParsedCredential): Promise<CheckOutcome> {
    const kind = detectCredentialKind(credential.signed);
    if (!kind) return invalid('SCHEMA_UNKNOWN_KIND', 'The credential is not a course, certificate or credit credential.');
    const violations = validateCredential(kind, credential.signed);
    if (violations.length === 0) return valid();
    const summary = violations.map((v) => `${v.path || '/'} ${v.message}`).join('; ');
    return invalid('SCHEMA_INVALID', `The ${kind} credential fails its schema: ${summary}`);
  }
}
