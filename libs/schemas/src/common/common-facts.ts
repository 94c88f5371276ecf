import { type Learner, learnerSchema } from './learner.js';

/** The course or qualification, as the registrar names it; Open Badges calls it the Achievement. */
export interface AchievementFacts {
  /**
   * A URI for the course or qualification, the same for all its learners (e.g. its catalogue page).
   * When absent, a urn:uuid derived from the issuer and `code` takes its place, because Open Badges
   * requires every Achievement to have an id.
   */
  id?: string;
  /** The institution's own code, e.g. "CS-210" (Open Badges `humanCode`). */
  code: string;
  name: string;
  description: string;
  /** How the achievement is earned, in words (Open Badges `criteria.narrative`). */
  criteria: string;
  fieldOfStudy?: string;
  /** BCP 47 tag of the language of instruction, e.g. "en". */
  inLanguage?: string;
}

/**
 * What every kind's facts share: who learnt, what, and until when the credential holds. There is no
 * validFrom: a VCDM 1.1 credential is valid from its issuanceDate, which is the signing time.
 */
export interface CommonFacts {
  learner: Learner;
  achievement: AchievementFacts;
  /** Credential name shown by wallets; derived from the achievement when absent. */
  name?: string;
  /** When the credential stops being valid (its expirationDate); most learning records never expire. */
  validUntil?: string;
}

/** Text a person will read (see readable-text.ts). */
export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, readableText: true }) as const;

/** Dates a VC-JWT carries as claims, and dates of events (see formats.ts for the ranges and why). */
export const signingDate = { type: 'string', format: 'signing-date-time' } as const;
export const eventDate = { type: 'string', format: 'event-date-time' } as const;
export const eqfLevelSchema = { type: 'integer', minimum: 1, maximum: 8 } as const;
export const termSchema = text(100);

/** JSON Schema properties of CommonFacts, merged into each kind's facts schema. */
export const commonFactsProperties = {
  learner: learnerSchema,
  achievement: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'linkable-uri', maxLength: 2048 },
      code: text(100),
      name: text(300),
      description: text(5000),
      criteria: text(5000),
      fieldOfStudy: text(300),
      inLanguage: { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$' },
    },
    required: ['code', 'name', 'description', 'criteria'],
    additionalProperties: false,
  },
  name: text(300),
  validUntil: signingDate,
} as const;

export const commonFactsRequired = ['kind', 'learner', 'achievement'] as const;
