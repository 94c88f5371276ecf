import { type CheckOutcome, invalid, valid } from '../../pipeline/check.js';
import type { ParsedPresentation, PresentationCheck, PresentationContext } from '../parsed-presentation.js';

/**
 * The presentation is addressed (a JWT `aud`, a Data Integrity proof's `domain`) to the domain its
 * challenge was handed to, and that is the domain the school expects.
 */
export class DomainCheck implements PresentationCheck {
  readonly name = 'domain';
  readonly dependsOn = ['challenge'] as const;
  readonly unmet = {
    code: 'DOMAIN_NOT_CHECKED',
    message: 'Without a valid challenge there is no domain to hold the presentation to.',
  } as const;

  async run({ audience }: ParsedPresentation, { expected, challengeDomain }: PresentationContext): Promise<CheckOutcome> {
    if (expected.domain !== undefined && expected.domain !== challengeDomain)
      return invalid('DOMAIN_MISMATCH', `The challenge was handed to ${challengeDomain}, not ${expected.domain}.`);
    if (!audience.includes(challengeDomain!))
      return invalid('DOMAIN_MISMATCH', `The presentation is addressed to ${audience.join(', ') || 'no one'}, not ${challengeDomain}.`);
    return valid();
  }
}
