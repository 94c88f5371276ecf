import { type BuildContext, SCHEMA_URLS } from '../common/credential-envelope.js';
import { digestMultibase } from '../common/digest-multibase.js';
import { type IdentityObject } from '../common/learner.js';
import { issuerObject } from '../common/issuer-profile.js';
import { nameBasedUuid } from '../common/name-based-uuid.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { Cardinality } from '../recognition-policy/recognition-policy.js';
import type { SignedCredentialFormat } from '../signed-credential/signed-credential.js';
import type { CredentialStatusEntry } from '../status-list/bitstring-status-list.js';
import type { UnsignedCredentialV2 } from '../common/credential-envelope.js';

/** What a recognition is, as credit banks name it: credits transferred, accumulated, learning recognised from outside school, or an exemption. */
export const RECOGNITION_TYPES = ['transfer', 'accumulation', 'prior-learning', 'exemption'] as const;
export type RecognitionType = (typeof RECOGNITION_TYPES)[number];

/**
 * The media type a related resource names for each signed format, describing the bytes its digest is
 * taken over: the compact JWS of the JWT formats, and for `ldp_vc` the RFC 8785 (JCS) serialization of
 * the signed document with its proof (the form verifiers and anchoring hash; see `ParsedCredential.bytes`).
 */
export const SOURCE_MEDIA_TYPES: Record<SignedCredentialFormat, string> = {
  'vc-jwt': 'application/jwt',
  'vc+jwt': 'application/vc+jwt',
  ldp_vc: 'application/vc',
  'dc+sd-jwt': 'application/dc+sd-jwt',
};

/** An amount of credit in a framework (an IRI such as ECTS's). */
export interface Credits {
  value: number;
  framework: string;
}

/** A grade as its source states it: a value on a named scale. */
export interface RecognitionGrade {
  scale: string;
  value: string;
}

/** One source credential a recognition rests on, as the learner presented it and the credit bank verified it. */
export interface RecognitionSourceFacts {
  /** The source credential's own id. */
  id: string;
  /** Its name, for people: what the evidence entry is called. */
  name: string;
  format: SignedCredentialFormat;
  /** Its exact signed bytes: the compact JWS, or the JCS form of a Data Integrity document (see SOURCE_MEDIA_TYPES). */
  bytes: string;
  mediaType: string;
  /** The DID that signed it. */
  issuer: string;
  /** The achievement it awards, if it names one: the source side of the transcript's exactMatchOf association. */
  achievementId?: string;
  credits?: Credits;
  /** Its credits in the policy's framework, when they convert. */
  convertedCredits?: number;
  grade?: RecognitionGrade;
  /** When the credit bank verified it (RFC 3339), and the checks that passed then. */
  verifiedAt: string;
  checks: string[];
}

/** The learner as the receiving institution knows them: the wallet's DID, and the hashed identifier of their account. */
export interface RecognisedLearner {
  did?: string;
  identifier?: IdentityObject[];
}

/** A confirmed recognition decision and what it rests on: the facts of a recognition credential. */
export interface RecognitionFacts {
  learner: RecognisedLearner;
  /** The receiving institution's own course (or bucket) the credits are recognised for; an id is derived from the name when absent. */
  course: { id?: string; code?: string; name: string; description?: string };
  recognitionType: RecognitionType;
  /** The published policy (its id, an IRI) and the version the decision was made under. */
  policy: { id: string; version: number };
  rule: string;
  cardinality: Cardinality;
  /** The credits and grade recognised, after conversion and any edit by the registrar. */
  credits: Credits;
  grade?: RecognitionGrade;
  decisionDate: string;
  /** When the recognition lapses for the programme; the credential's validUntil too. */
  expires?: string;
  sources: RecognitionSourceFacts[];
}

/**
 * An Open Badges 3.0 AchievementCredential (VCDM 2.0) in which the receiving institution awards its
 * own course for credits recognised from other credentials. It is a credit credential of ours (a
 * Course with `creditsEarned` and ELM CreditPoints, so every credit reader counts it) with our
 * recognition extension in its subject, and it cites each source twice: as `evidence` (what was
 * verified, for people) and as a VCDM 2.0 `relatedResource` with the `digestMultibase` of the exact
 * bytes presented (for verifiers, who check a source given to them against it). n:1 decisions cite
 * several sources; a 1:n decision gives one credential per target course, each citing the same one.
 */
export function buildRecognitionCredential(
  facts: RecognitionFacts,
  ctx: BuildContext,
  credentialStatus: CredentialStatusEntry,
): UnsignedCredentialV2 {
  const { course, credits, grade, learner } = facts;
  const creditPoint = creditPointOf(credits);
  const achievementId = course.id ?? `urn:uuid:${nameBasedUuid(JSON.stringify([ctx.issuer.id, 'recognised-achievement', course.name]))}`;
  return {
    '@context': [
      CONTEXT_URLS.credentialsV2,
      CONTEXT_URLS.openBadgesV3,
      CONTEXT_URLS.openBadgesV3Extensions,
      CONTEXT_URLS.academicCreditV1,
      CONTEXT_URLS.recognitionV1,
      ...(ctx.packageUrl ? [CONTEXT_URLS.anchoredCredentialsV1] : []),
    ],
    id: ctx.id,
    type: ['VerifiableCredential', 'AchievementCredential'],
    issuer: issuerObject(ctx.issuer),
    validFrom: ctx.issuanceDate,
    ...(facts.expires ? { validUntil: facts.expires } : {}),
    name: `${course.name}: ${credits.value} credits recognised`,
    credentialSubject: {
      type: ['AchievementSubject'],
      ...(learner.did ? { id: learner.did } : {}),
      ...(learner.identifier?.length ? { identifier: learner.identifier } : {}),
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Course',
        ...(course.code ? { humanCode: course.code } : {}),
        name: course.name,
        description: course.description ?? `${course.name}, recognised from learning completed elsewhere.`,
        criteria: {
          narrative: `Recognised under rule ${facts.rule} (${facts.cardinality}) of version ${facts.policy.version} of the published recognition policy ${facts.policy.id}.`,
        },
        creditsAvailable: credits.value,
        creditPoint,
      },
      creditsEarned: credits.value,
      result: [{ type: ['Result'], ...(grade ? { value: grade.value } : {}), creditReceived: creditPoint }],
      recognition: recognitionOf(facts),
    },
    evidence: facts.sources.map((source) => ({
      id: source.id,
      type: ['Evidence'],
      name: source.name,
      narrative: narrativeOf(source),
    })),
    relatedResource: facts.sources.map((source) => ({
      id: source.id,
      digestMultibase: digestMultibase(source.bytes),
      mediaType: source.mediaType,
    })),
    credentialSchema: [SCHEMA_URLS.openBadgeCredential, SCHEMA_URLS.academicCreditV1, SCHEMA_URLS.recognitionV1].map((id) => ({
      id,
      type: '1EdTechJsonSchemaValidator2019',
    })),
    credentialStatus,
    ...(ctx.packageUrl ? { refreshService: { id: ctx.packageUrl, type: 'AnchoredCredentialPackage2026' } } : {}),
  };
}

function creditPointOf(credits: Credits): { type: 'CreditPoint'; framework: string; point: string } {
  return { type: 'CreditPoint', framework: credits.framework, point: String(credits.value) };
}

function recognitionOf(facts: RecognitionFacts): Record<string, unknown> {
  return {
    type: 'Recognition',
    recognitionType: facts.recognitionType,
    recognitionPolicy: facts.policy.id,
    policyVersion: facts.policy.version,
    recognitionRule: facts.rule,
    cardinality: facts.cardinality,
    decisionDate: facts.decisionDate,
    ...(facts.expires ? { recognitionExpires: facts.expires } : {}),
    ...(facts.grade ? { gradeScale: facts.grade.scale } : {}),
    recognitionSource: facts.sources.map((source) => ({
      id: source.id,
      type: 'RecognitionSource',
      ...(source.achievementId ? { sourceAchievement: source.achievementId } : {}),
      ...(source.credits ? { sourceCredits: creditPointOf(source.credits) } : {}),
      ...(source.convertedCredits !== undefined ? { convertedCredits: source.convertedCredits } : {}),
      ...(source.grade ? { sourceGrade: source.grade.value, gradeScale: source.grade.scale } : {}),
    })),
  };
}

function narrativeOf(source: RecognitionSourceFacts): string {
  const checks = source.checks.length > 0 ? `; checks passed: ${source.checks.join(', ')}` : '';
  return `Presented by the learner as ${source.format} and verified on ${source.verifiedAt}: signed by ${source.issuer}${checks}. The related resource with this id holds the digest of the exact bytes presented.`;
}
