import {
  detectCredentialKind,
  isRecognitionCredential,
  listOf,
  type SchemaViolation,
  validateClrCredential,
  validateCredential,
  validateEndorsementCredential,
  validateOpenBadgeCredential,
  validateRecognitionCredential,
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

/** Whether a credential comes from an issuer whose credentials are of our kinds (an institution of ours). */
export type IssuedByUs = (credential: ParsedCredential) => Promise<boolean>;

/** 1EdTech's schema for a credential of one of its types, whoever issued it. */
function standardSchemaOf(credential: JsonObject): KindSchema | undefined {
  const types = listOf(credential.type);
  return STANDARD_SCHEMAS.find((entry) => entry.types.some((type) => types.includes(type)))?.schema;
}

/**
 * The signed credential against the W3C data model of its version (VCDM 1.1 or 2.0, with an embedded
 * proof for Data Integrity), and against the schema of its kind: a course, certificate or credit
 * credential of an institution of ours (either data model) against 1EdTech's Open Badges schema and
 * the kind's constraints (a credit that names the recognition context, also against the recognition
 * extension's schema); any other Open Badges 3.0 or CLR 2.0 credential (another system's, whose
 * achievement types may look like ours) against 1EdTech's schema for its data model. A credential of
 * a kind we have no schema for is `skipped` (`SCHEMA_UNKNOWN_KIND`) once it holds to the data model:
 * it is not failed for being of another kind, and the verdict follows the other checks.
 */
export class SchemaCheck implements CredentialCheck {
  readonly name = 'schema';
  readonly dependsOn = [];

  /** `issuedByUs`: every credential is, by default, as for an issuer checking what it has just signed. */
  constructor(private readonly issuedByUs: IssuedByUs = async () => true) {}

  async run(parsed: ParsedCredential): Promise<CheckOutcome> {
    const { credential, format } = parsed;
    // A JWT's proof is the JWT itself: only an `ldp_vc` must carry one in the document.
    const dataModel = validateVcdmCredential(credential, { proof: format === 'ldp_vc' ? 'required' : 'optional' });
    const kind = await this.kindSchemaOf(parsed);
    const violations = [...dataModel, ...(kind?.validate(credential) ?? [])];
    if (violations.length > 0) {
      const summary = violations.map((v) => `${v.path || '/'} ${v.message}`).join('; ');
      const against = kind ? `the W3C data model and its ${kind.name} schema` : 'the W3C data model';
      return invalid('SCHEMA_INVALID', `The credential fails ${against}: ${summary}`);
    }
    if (!kind) {
      return skipped(
        'SCHEMA_UNKNOWN_KIND',
        'The credential is of a kind this verifier has no schema for (neither a course, certificate or credit credential of ours, nor Open Badges 3.0, nor CLR 2.0); it holds to the W3C data model, which is all that was checked.',
      );
    }
    return valid();
  }

  private async kindSchemaOf(parsed: ParsedCredential): Promise<KindSchema | undefined> {
    const kind = detectCredentialKind(parsed.credential);
    if (kind && (await this.issuedByUs(parsed))) {
      // A recognition is a credit of ours that carries the recognition extension: held to both.
      if (kind === 'credit' && isRecognitionCredential(parsed.credential))
        return { name: 'recognition credential', validate: validateRecognitionCredential };
      return { name: `${kind} credential`, validate: (c) => validateCredential(kind, c) };
    }
    return standardSchemaOf(parsed.credential);
  }
}
