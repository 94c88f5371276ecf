// 1EdTech's published JSON Schemas are data: each file is the published document, byte for byte as it
// was copied (SOURCES.md names where from, with its sha256, and a test holds the files to them),
// compiled once, on first use. Every $ref in them points inside the same file, so nothing is ever fetched.
import type { ValidateFunction } from 'ajv';
import { compileSchema, compileSchema2019 } from '../common/ajv.js';
import { onFirstUse } from '../common/on-first-use.js';
import clrAchievementCredential from './clr_v2p0_achievementcredential_schema.json' with { type: 'json' };
import clrCredential from './clr_v2p0_clrcredential_schema.json' with { type: 'json' };
import clrCredentialDraft4 from './clr_v2p0_clrcredential_schema_draft4.json' with { type: 'json' };
import openBadgeCredential from './ob_v3p0_achievementcredential_schema.json' with { type: 'json' };
import endorsementCredential from './ob_v3p0_endorsementcredential_schema.json' with { type: 'json' };
import profile from './ob_v3p0_profile_schema.json' with { type: 'json' };

/** The current schemas (draft 2019-09, VCDM 2.0), each compiled on first use. */
export const officialSchemas = {
  openBadgeCredential: onFirstUse(() => compileSchema2019(openBadgeCredential)),
  endorsementCredential: onFirstUse(() => compileSchema2019(endorsementCredential)),
  profile: onFirstUse(() => compileSchema2019(profile)),
  clrCredential: onFirstUse(() => compileSchema2019(clrCredential)),
  /** The CLR package's copy of the AchievementCredential schema, for the credentials a transcript holds. */
  clrAchievementCredential: onFirstUse(() => compileSchema2019(clrAchievementCredential)),
} satisfies Record<string, () => ValidateFunction>;

/**
 * The VCDM 1.1 transcript schema (draft-04), compiled as draft-07: without its `$schema` line, which
 * changes nothing for the keywords it uses (the spec checks them, see SOURCES.md).
 */
export const clrCredentialV1Schema = onFirstUse(() => compileSchema(withoutMetaSchema(clrCredentialDraft4)));

function withoutMetaSchema({ $schema: _draft, ...schema }: { $schema: string }): object {
  return schema;
}
