import { type CheckOutcome, invalid, valid } from '../../pipeline/check.js';
import type { ParsedPresentation, PresentationCheck, PresentationContext } from '../parsed-presentation.js';

const UNUSABLE = {
  CHALLENGE_UNKNOWN: 'This verifier never handed out that challenge.',
  CHALLENGE_ALREADY_USED: 'The challenge was already used: a presentation answers one challenge once.',
  CHALLENGE_EXPIRED: 'The challenge expired before the presentation came.',
};

/**
 * The single-use challenge the holder signed (a JWT `nonce`, a Data Integrity proof's `challenge`):
 * one this verifier handed out (in the store the verification names), unused and unexpired. It is
 * used up here, by the first presentation that names it, whatever follows; the domain it was handed
 * to goes into the context for the domain check.
 */
export class ChallengeCheck implements PresentationCheck {
  readonly name = 'challenge';
  readonly dependsOn = ['holder-signature'] as const;
  readonly unmet = {
    code: 'CHALLENGE_NOT_CHECKED',
    message: "The holder's signature is not verified, so its challenge is not taken.",
  } as const;

  async run({ nonce }: ParsedPresentation, context: PresentationContext): Promise<CheckOutcome> {
    if (typeof nonce !== 'string')
      return invalid(
        'CHALLENGE_MISSING',
        "The presentation signs no challenge (a JWT `nonce`, a proof's `challenge`): ask for one at POST /challenges.",
      );
    const { challenge } = context.expected;
    if (challenge !== undefined && challenge !== nonce)
      return invalid('CHALLENGE_MISMATCH', 'The presentation answers another challenge than the one given.');
    const use = await context.challenges.use(nonce);
    if (!use.ok) return invalid(use.code, UNUSABLE[use.code]);
    context.challengeDomain = use.domain;
    return valid();
  }
}
