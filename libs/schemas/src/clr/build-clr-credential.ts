import { type BuildContext, SCHEMA_URLS, type UnsignedCredentialV2 } from '../common/credential-envelope.js';
import { issuerObject } from '../common/issuer-profile.js';
import { isJsonObject, type JsonObject, listOf } from '../common/json.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { RecognisedLearner } from '../recognition/recognition-credential.js';
import type { CredentialStatusEntry } from '../status-list/bitstring-status-list.js';

/** A learner's programme at the receiving institution, and the signed credentials that make it up so far. */
export interface TranscriptFacts {
  learner: RecognisedLearner;
  /** The programme as an Open Badges achievement type: a Degree, a Diploma, a LearningProgram... */
  programme: { id: string; name: string; description: string; achievementType: string };
  /**
   * The institution's own course credentials and its recognition credentials, whole and signed with
   * Data Integrity (CLR 2.0 embeds credential objects; an enveloped VC-JWT fails its schema).
   */
  credentials: JsonObject[];
}

interface Association {
  type: 'Association';
  associationType: 'exactMatchOf' | 'isChildOf';
  sourceId: string;
  targetId: string;
}

/**
 * A CLR 2.0 ClrCredential (VCDM 2.0) for a learner's programme: the credentials embedded whole; the
 * programme and each credential's achievement listed once; each course `isChildOf` the programme;
 * and for each recognition credential, an `exactMatchOf` association from each source achievement
 * its recognition names to the course it was recognised as.
 */
export function buildClrCredential(
  facts: TranscriptFacts,
  ctx: BuildContext,
  credentialStatus: CredentialStatusEntry,
): UnsignedCredentialV2 {
  const { learner, programme, credentials } = facts;
  const achievements = credentials.map(achievementOf).filter((achievement): achievement is JsonObject => achievement !== undefined);
  const courses = [...new Map(achievements.map((achievement) => [achievement.id as string, achievement])).values()];
  const associations: Association[] = [
    ...credentials.flatMap(exactMatches),
    ...courses.map((course): Association => ({
      type: 'Association',
      associationType: 'isChildOf',
      sourceId: course.id as string,
      targetId: programme.id,
    })),
  ];
  const base: string[] = [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.clrV2, CONTEXT_URLS.openBadgesV3, CONTEXT_URLS.openBadgesV3Extensions];
  // The achievements listed at the transcript's level keep the terms their credentials' extension
  // contexts define (creditPoint...), so the transcript names those contexts too.
  const extensions = [
    ...credentials.flatMap((credential) => listOf(credential['@context'])),
    ...(ctx.packageUrl ? [CONTEXT_URLS.anchoredCredentialsV1] : []),
  ];
  return {
    '@context': [...new Set([...base, ...extensions.filter((url): url is string => typeof url === 'string')])],
    id: ctx.id,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: issuerObject(ctx.issuer),
    validFrom: ctx.issuanceDate,
    name: `${programme.name}: transcript`,
    credentialSubject: {
      type: ['ClrSubject'],
      ...(learner.did ? { id: learner.did } : {}),
      ...(learner.identifier?.length ? { identifier: learner.identifier } : {}),
      achievement: [
        {
          id: programme.id,
          type: ['Achievement'],
          achievementType: programme.achievementType,
          name: programme.name,
          description: programme.description,
          criteria: { narrative: `The courses of ${programme.name}, earned at this institution or recognised from elsewhere.` },
        },
        ...courses,
      ],
      verifiableCredential: credentials,
      association: associations,
    },
    credentialSchema: [{ id: SCHEMA_URLS.clrCredential, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus,
    ...(ctx.packageUrl ? { refreshService: { id: ctx.packageUrl, type: 'AnchoredCredentialPackage2026' } } : {}),
  };
}

function achievementOf(credential: JsonObject): JsonObject | undefined {
  const subject = credential.credentialSubject;
  const achievement = isJsonObject(subject) ? subject.achievement : undefined;
  return isJsonObject(achievement) && typeof achievement.id === 'string' ? achievement : undefined;
}

/** A recognition credential's sources, each an exact match of the course it awards. */
function exactMatches(credential: JsonObject): Association[] {
  const target = achievementOf(credential)?.id;
  const subject = credential.credentialSubject as { recognition?: { recognitionSource?: { sourceAchievement?: string }[] } };
  const sources = subject.recognition?.recognitionSource ?? [];
  return typeof target !== 'string'
    ? []
    : sources
        .flatMap((source) => (typeof source.sourceAchievement === 'string' ? [source.sourceAchievement] : []))
        .map((sourceId) => ({ type: 'Association', associationType: 'exactMatchOf', sourceId, targetId: target }));
}
