import { createHash, randomBytes } from 'node:crypto';

/** The learner: a DID when the wallet is known, otherwise an email or a student number. */
export type Learner = { did: string } | { email: string } | { studentNumber: string };

/**
 * Open Badges 3.0 IdentityObject, always hashed: no email or student number is ever written in clear.
 * A student number is an `sisSourcedId` (an id from the institution's Student Information System),
 * the closest value of the Open Badges IdentifierTypeEnum, which has no `studentId`.
 */
export interface IdentityObject {
  type: 'IdentityObject';
  identityType: 'emailAddress' | 'sisSourcedId';
  hashed: true;
  identityHash: string;
  salt: string;
}

/** Exactly one way of naming the learner. */
export const learnerSchema = {
  type: 'object',
  properties: {
    did: { type: 'string', format: 'resolvable-did', maxLength: 512 },
    email: { type: 'string', format: 'email', maxLength: 320 },
    studentNumber: { type: 'string', minLength: 1, maxLength: 100, readableText: true },
  },
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
} as const;

/**
 * The credentialSubject fields that name the learner: `id` for a DID, else a salted SHA-256
 * (`sha256$` + hex of sha256(value + salt), as Open Badges 3.0 defines IdentityHash). Emails are
 * trimmed and lower-cased first so that the learner can later prove the same address however typed.
 */
export function learnerSubject(
  learner: Learner,
  salt = randomBytes(16).toString('hex'),
): { id: string } | { identifier: IdentityObject[] } {
  if ('did' in learner) return { id: learner.did };
  const [identityType, value] =
    'email' in learner
      ? (['emailAddress', learner.email.trim().toLowerCase()] as const)
      : (['sisSourcedId', learner.studentNumber.trim()] as const);
  const identityHash = `sha256$${createHash('sha256')
    .update(value + salt, 'utf8')
    .digest('hex')}`;
  return { identifier: [{ type: 'IdentityObject', identityType, hashed: true, identityHash, salt }] };
}

/**
 * Whether a credential's subject names this learner: the same DID, or an identifier whose salted hash
 * the learner's email or student number reproduces (how a school checks what a student told it).
 */
export function subjectNames(subject: { id?: unknown; identifier?: unknown }, learner: Learner): boolean {
  if ('did' in learner) return subject.id === learner.did;
  const identifiers = Array.isArray(subject.identifier) ? (subject.identifier as Partial<IdentityObject>[]) : [];
  return identifiers.some((identifier) => {
    if (typeof identifier?.salt !== 'string' || identifier.hashed !== true) return false;
    const expected = learnerSubject(learner, identifier.salt) as { identifier: IdentityObject[] };
    return (
      expected.identifier[0].identityType === identifier.identityType && expected.identifier[0].identityHash === identifier.identityHash
    );
  });
}
