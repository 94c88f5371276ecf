import { detectCredentialKind, validateCredential, validateOpenBadgeCredential } from '#schemas';
import { type CheckOutcome, invalid, valid } from '../../pipeline/check.js';
import type { CredentialCheck, ParsedCredential } from '../parsed-credential.js';

const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

/**
 * The signed credential against its schema: one of our kinds (course, certificate, credit) against
 * the 1EdTech schema and the kind's constraints; any other Open Badges 3.0 credential against the
 * 1EdTech schema alone; anything else is not a credential this verifier knows how to read.
 */
export class SchemaCheck implements CredentialCheck {
  readonly name = 'schema';
  readonly dependsOn = [];

  async run(credential: ParsedCredential): Promise<CheckOutcome> {
    const kind = detectCredentialKind(credential.credential);
    const types = ([] as unknown[]).concat(credential.credential.type ?? []);
    if (!kind && !types.some((type) => OPEN_BADGE_TYPES.includes(type as string))) {
      return invalid(
        'SCHEMA_UNKNOWN_KIND',
        'The credential is neither a course, certificate or credit credential nor an Open Badges 3.0 credential.',
      );
    }
    const violations = kind ? validateCredential(kind, credential.credential) : validateOpenBadgeCredential(credential.credential);
    if (violations.length === 0) return valid();
    const summary = violations.map((v) => `${v.path || '/'} ${v.message}`).join('; ');
    return invalid('SCHEMA_INVALID', `The ${kind ?? 'Open Badges 3.0'} credential fails its schema: ${summary}`);
  }
}
