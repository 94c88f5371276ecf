import {
  detectCredentialKind,
  listOf,
  type SchemaViolation,
  validateClrCredential,
  validateCredential,
  validateEndorsementCredential,
  validateOpenBadgeCredential,
  validateVcdmCredential,
} from '#schemas';
import { type CheckOutcome, invalid, skipped, valid } from '../../pipeline/check.js';
import type { CredentialCheck, ParsedCredential } from '../parsed-credential.js';

type JsonObject = ParsedCredential['credential'];

/** The schema a credential of a type we know is held to, beyond the data model. */
interface KindSchema {
  name: string;
  validate(credential: JsonObject): SchemaViolation[];
}

/** 1EdTech's credential types, each against 1EdTech's schema for the credential's data model. */
const STANDARD_SCHEMAS: { types: string[]; schema: KindSchema }[] = [
  { types: ['ClrCredential'], schema: { name: 'CLR 2.0', validate: validateClrCredential } },
  { types: ['EndorsementCredential'], schema: { name: 'Open Badges 3.0 endorsement', validate: validateEndorsementCredential } },
  { types: ['OpenBadgeCredential', 'AchievementCredential'], schema: { name: 'Open Badges 3.0', validate: validateOpenBadgeCredential } },
];

function kindSchemaOf(credential: JsonObject): KindSchema | undefined {
  const kind = detectCredentialKind(credential);
  if (kind) return { name: `${kind} credential`, validate: (c) => validateCredential(kind, c) };
  const types = listOf(credential.type);
  return STANDARD_SCHEMAS.find((entry) => entry.types.some((type) => types.includes(type)))?.schema;
}

/**
 * The signed credential against the W3C data model of its version (VCDM 1.1 or 2.0, with an embedded
 * proof for Data Integrity), and against the schema of its kind: one of ours (course, certificate,
 * credit, either data model) against 1EdTech's Open Badges schema and the kind's constraints; another
 * issuer's Open Badges 3.0 or CLR 2.0 credential against 1EdTech's schema for its data model. A
 * credential of a kind we have no schema for is `skipped` (`SCHEMA_UNKNOWN_KIND`) once it passes the
 * data model: it is not failed for being of another kind, and the verdict follows the other checks.
 */
export class SchemaCheck implements CredentialCheck {
  readonly name = 'schema';
  readonly dependsOn = [];

  async run({ credential, format }: ParsedCredential): Promise<CheckOutcome> {
    // A JWT's proof is the JWT itself: only an `ldp_vc` must carry one in the document.
    const dataModel = validateVcdmCredential(credential, { proof: format === 'ldp_vc' ? 'required' : 'optional' });
    const kind = kindSchemaOf(credential);
    const violations = [...dataModel, ...(kind?.validate(credential) ?? [])];
    if (violations.length > 0) {
      const summary = violations.map((v) => `${v.path || '/'} ${v.message}`).join('; ');
      const against = kind ? `the W3C data model and its ${kind.name} schema` : 'the W3C data model';
      return invalid('SCHEMA_INVALID', `The credential fails ${against}: ${summary}`);
    }
    if (!kind) {
      return skipped(
        'SCHEMA_UNKNOWN_KIND',
        'The credential is of a kind this verifier has no schema for (neither a course, certificate or credit credential, nor Open Badges 3.0, nor CLR 2.0); it holds to the W3C data model, which is all that was checked.',
      );
    }
    return valid();
  }
}
