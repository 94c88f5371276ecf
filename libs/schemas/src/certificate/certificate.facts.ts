import { type CommonFacts, commonFactsProperties, commonFactsRequired, eventDate, eqfLevelSchema, text } from '../common/common-facts.js';

/**
 * The Open Badges 3.0 achievement types that name an awarded certificate, diploma, degree or licence.
 * Course-level types (Course, Assignment, Assessment...) and badges are not certificates.
 */
export const CERTIFICATE_TYPES = [
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'Diploma',
  'SecondarySchoolDiploma',
  'GeneralEducationDevelopment',
  'AssociateDegree',
  'BachelorDegree',
  'MasterDegree',
  'DoctoralDegree',
  'ProfessionalDoctorate',
  'ResearchDoctorate',
  'Degree',
  'MicroCredential',
  'License',
  'ApprenticeshipCertificate',
  'JourneymanCertificate',
  'MasterCertificate',
] as const;

export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

/** A certificate, diploma or degree awarded. */
export interface CertificateFacts extends CommonFacts {
  kind: 'certificate';
  /** Defaults to "Certificate". */
  achievementType?: CertificateType;
  /** When the award was conferred, if not at signing time. */
  awardedDate?: string;
  specialization?: string;
  /** Total credits of the programme, e.g. 180 (ECTS) for a bachelor's degree. */
  creditsAvailable?: number;
  /** Level in the European Qualifications Framework, 1 to 8. */
  eqfLevel?: number;
  /** Final classification or grade point average, as the institution writes it. */
  grade?: string;
}

export const certificateFactsSchema = {
  type: 'object',
  properties: {
    kind: { const: 'certificate' },
    ...commonFactsProperties,
    achievementType: { enum: CERTIFICATE_TYPES },
    awardedDate: eventDate,
    specialization: text(300),
    creditsAvailable: { type: 'number', exclusiveMinimum: 0, maximum: 10000 },
    eqfLevel: eqfLevelSchema,
    grade: text(100),
  },
  required: commonFactsRequired,
  additionalProperties: false,
} as const;
