import { type JsonObject, type Learner, subjectNames } from '#schemas';
import { type Check, type CheckOutcome, invalid, valid } from '../../pipeline/check.js';

/** A credential inside a presentation, as the holder check sees it. */
export interface PresentedSubject {
  /** The signed credential, when it could be decoded. */
  signed?: JsonObject;
  /** Who presents it: the presentation's signer. */
  holder: string;
  /** What the student told the school, for credentials that name their subject only by hash. */
  learner?: Learner;
}

/**
 * Whether the presenting holder is the credential's subject, or the learner the school was told of
 * matches its hashed identifier. Only a credential whose own signature holds says who its subject is.
 */
export class HolderCheck implements Check<PresentedSubject, unknown, 'holder'> {
  readonly name = 'holder';
  readonly dependsOn = ['signature'] as const;
  readonly unmet = {
    code: 'HOLDER_NOT_CHECKED',
    message: "The credential's signature is not verified, so its subject is not known.",
  } as const;

  async run({ signed, holder, learner }: PresentedSubject): Promise<CheckOutcome> {
    const subject = (signed?.credentialSubject ?? {}) as { id?: unknown; identifier?: unknown };
    if (subject.id === holder) return valid();
    if (learner && subjectNames(subject, learner)) return valid();
    return invalid(
      'HOLDER_NOT_SUBJECT',
      learner
        ? 'The credential names neither the presenting holder nor the learner the school was told of.'
        : `The credential's subject is not ${holder}, who presents it.`,
    );
  }
}
