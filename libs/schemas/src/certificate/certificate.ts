import {
  achievementOf,
  type BuildContext,
  type CommonFacts,
  commonFactsProperties,
  dateTime,
  envelope,
  eqfAlignment,
  eqfLevelSchema,
  kindCredentialSchema,
  text,
  type UnsignedCredential,
} from '../common/credential.js';

/** Open Badges 3.0 achievement types that are certificates, diplomas or degrees. */
export const CERTIFICATE_TYPES = [
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'Diploma',
  'AssociateDegree',
  'BachelorDegree',
  'MasterDegree',
  'DoctoralDegree',
  'ProfessionalDoctorate',
  'Degree',
  'MicroCredential',
  'License',
  'ApprenticeshipCertificate',
  'JourneymanCertificate',
  'MasterCertificate',
] as const;

/** A certificate, diploma or degree awarded. */
export interface CertificateFacts extends CommonFacts {
  kind: 'certificate';
  achievementType?: (typeof CERTIFICATE_TYPES)[number];
  awardedDate?: string;
  specialization?: string;
  /** Total credits of the programme, e.g. 180 for a bachelor's degree in ECTS. */
  creditsAvailable?: number;
  eqfLevel?: number;
  /** Final classification or GPA, as the institution writes it. */
  grade?: string;
}

export const certificateFactsSchema = {
  type: 'object',
  properties: {
    kind: { const: 'certificate' },
    ...commonFactsProperties,
    achievementType: { enum: CERTIFICATE_TYPES },
    awardedDate: dateTime,
    specialization: text(300),
    creditsAvailable: { type: 'number', exclusiveMinimum: 0, maximum: 10000 },
    eqfLevel: eqfLevelSchema,
    grade: text(100),
  },
  required: ['kind', 'learner', 'achievement'],
  additionalProperties: false,
} as const;

export function buildCertificateCredential(facts: CertificateFacts, ctx: BuildContext): UnsignedCredential {
  const { specialization, creditsAvailable, eqfLevel, awardedDate, grade } = facts;
  return envelope(facts, ctx, {
    type: 'OpenBadgeCredential',
    name: facts.achievement.name,
    fields: awardedDate ? { awardedDate } : {},
    subject: {
      achievement: achievementOf(facts, facts.achievementType ?? 'Certificate', {
        ...(specialization ? { specialization } : {}),
        ...(creditsAvailable !== undefined ? { creditsAvailable } : {}),
        ...(eqfLevel !== undefined ? { alignment: [eqfAlignment(eqfLevel)] } : {}),
      }),
      ...(grade ? { result: [{ type: ['Result'], value: grade }] } : {}),
    },
  });
}

export const certificateCredentialSchema = kindCredentialSchema({ achievementType: { enum: CERTIFICATE_TYPES } });
