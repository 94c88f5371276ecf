import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { CredentialStatusEntry } from '../status-list/bitstring-status-list.js';
import type { AchievementFacts, CommonFacts } from './common-facts.js';
import { type IssuerProfile, type IssuerProfileObject, issuerObject } from './issuer-profile.js';
import { learnerSubject } from './learner.js';
import { nameBasedUuid } from './name-based-uuid.js';

/** The JSON Schemas our credentials list in `credentialSchema`. */
export const SCHEMA_URLS = {
  openBadgeCredential: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
  academicCreditV1: 'https://w3id.org/lifelong-learning/schemas/academic-credit-v1.json',
  recognitionV1: 'https://w3id.org/lifelong-learning/schemas/recognition-v1.json',
  clrCredential: 'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json',
} as const;

interface CredentialCore {
  '@context': string[];
  id: string;
  type: string[];
  issuer: IssuerProfileObject;
  credentialSubject: Record<string, unknown>;
}

export type UnsignedCredential = Record<string, unknown> & CredentialCore & { issuanceDate: string };

/** A VCDM 2.0 credential of ours before it is signed: valid from validFrom, with its one status entry. */
export type UnsignedCredentialV2 = Record<string, unknown> &
  CredentialCore & { validFrom: string; credentialStatus: CredentialStatusEntry };

export interface BuildContext {
  /** The credential's id, a urn:uuid. */
  id: string;
  issuer: IssuerProfile;
  /** The signing time, from which the credential is valid: its issuanceDate in VCDM 1.1, its validFrom in 2.0. */
  issuanceDate: string;
  /** Where the anchored package of this credential will be served, when the issuer publishes one. */
  packageUrl?: string;
  /** Salt for the learner's hashed identifier; random when absent. */
  salt?: string;
}

/**
 * The `refreshService` type under which an issuer offers the credential bundled with its anchor
 * receipt once anchored (VCDM's refresh: the same credential, re-delivered with more proof).
 */
export const ANCHORED_PACKAGE_SERVICE = 'AnchoredCredentialPackage2026';

/** The refreshService entry naming where the anchored package will be. */
export function packageService(url: string): { id: string; type: string } {
  return { id: url, type: ANCHORED_PACKAGE_SERVICE };
}

/** A signing time as credentials carry it: whole seconds, since the VC-JWT `nbf` claim has no more. */
export function issuanceTimestamp(at = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The achievement's id as given, else one derived from the issuer and the code (stable across learners). */
export function achievementIdOf(achievement: AchievementFacts, issuer: IssuerProfile): string {
  return achievement.id ?? `urn:uuid:${nameBasedUuid(JSON.stringify([issuer.id, 'achievement', achievement.code]))}`;
}

/** The id of a ResultDescription of an achievement, derived so that every learner's credential shares it. */
export function resultDescriptionIdOf(achievementId: string, name: string): string {
  return `urn:uuid:${nameBasedUuid(JSON.stringify([achievementId, 'resultDescription', name]))}`;
}

/** The Open Badges Achievement for the facts, with the kind's own fields added. */
export function achievementOf(
  achievement: AchievementFacts,
  id: string,
  achievementType: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { code, name, description, criteria, fieldOfStudy, inLanguage } = achievement;
  return {
    id,
    type: ['Achievement'],
    achievementType,
    humanCode: code,
    name,
    description,
    criteria: { narrative: criteria },
    ...(fieldOfStudy ? { fieldOfStudy } : {}),
    ...(inLanguage ? { inLanguage } : {}),
    ...extra,
  };
}

/** An EQF level as an Open Badges alignment to the European Qualifications Framework. */
export function eqfAlignment(level: number): Record<string, unknown> {
  return {
    type: ['Alignment'],
    targetName: `EQF level ${level}`,
    targetUrl: `http://data.europa.eu/snb/eqf/${level}`,
    targetFramework: 'European Qualifications Framework',
    targetType: 'ext:EQFLevel',
  };
}

/** What a kind's builder says about its credential; the envelope of a data model wraps it. */
export interface CredentialParts {
  type: 'OpenBadgeCredential' | 'AchievementCredential';
  name: string;
  /** The subject's fields besides the learner: the achievement, results, dates. */
  subject: Record<string, unknown>;
  /** Top-level Open Badges fields of the kind, such as awardedDate. */
  fields?: Record<string, unknown>;
  extraContexts?: string[];
  extraSchemas?: string[];
}

/** The VCDM 1.1 credential around a kind's parts: contexts, types, issuer, dates, learner, schemas. */
export function envelope(facts: CommonFacts, ctx: BuildContext, parts: CredentialParts): UnsignedCredential {
  return credentialOf(facts, ctx, parts, {
    contexts: [CONTEXT_URLS.credentialsV1, CONTEXT_URLS.openBadgesV3, ...(parts.extraContexts ?? [])],
    validity: { issuanceDate: ctx.issuanceDate, ...(facts.validUntil ? { expirationDate: facts.validUntil } : {}) },
  }) as UnsignedCredential;
}

/**
 * The VCDM 2.0 credential around a kind's parts, as current Open Badges 3.0 wants it: the v2 context
 * first, then Open Badges and its extensions (which alone define 1EdTechJsonSchemaValidator2019);
 * validFrom and validUntil; one credentialStatus.
 */
export function envelopeV2(
  facts: CommonFacts,
  ctx: BuildContext,
  parts: CredentialParts,
  credentialStatus: CredentialStatusEntry,
): UnsignedCredentialV2 {
  return credentialOf(facts, ctx, parts, {
    contexts: [
      CONTEXT_URLS.credentialsV2,
      CONTEXT_URLS.openBadgesV3,
      CONTEXT_URLS.openBadgesV3Extensions,
      ...(parts.extraContexts ?? []),
      ...(ctx.packageUrl ? [CONTEXT_URLS.anchoredCredentialsV1] : []),
    ],
    validity: { validFrom: ctx.issuanceDate, ...(facts.validUntil ? { validUntil: facts.validUntil } : {}) },
    credentialStatus,
  }) as UnsignedCredentialV2;
}

function credentialOf(
  facts: CommonFacts,
  ctx: BuildContext,
  parts: CredentialParts,
  model: { contexts: string[]; validity: Record<string, string>; credentialStatus?: CredentialStatusEntry },
): Record<string, unknown> {
  return {
    '@context': model.contexts,
    id: ctx.id,
    type: ['VerifiableCredential', parts.type],
    issuer: issuerObject(ctx.issuer),
    ...model.validity,
    name: facts.name ?? parts.name,
    ...parts.fields,
    credentialSubject: { type: ['AchievementSubject'], ...learnerSubject(facts.learner, ctx.salt), ...parts.subject },
    credentialSchema: [SCHEMA_URLS.openBadgeCredential, ...(parts.extraSchemas ?? [])].map((id) => ({
      id,
      type: '1EdTechJsonSchemaValidator2019',
    })),
    ...(model.credentialStatus ? { credentialStatus: model.credentialStatus } : {}),
    ...(ctx.packageUrl ? { refreshService: packageService(ctx.packageUrl) } : {}),
  };
}
