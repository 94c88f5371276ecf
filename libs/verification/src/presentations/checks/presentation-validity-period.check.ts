import { presentationPeriodOutcome } from '../../credentials/checks/validity-period.check.js';
import type { CheckOutcome } from '../../pipeline/check.js';
import type { ParsedPresentation, PresentationCheck, PresentationContext } from '../parsed-presentation.js';

/** The presentation's own period (a JWT's `nbf` and `exp`, a Data Integrity proof's `expires`), with the same skew as a credential's. */
export class PresentationValidityPeriodCheck implements PresentationCheck {
  readonly name = 'validity-period';
  readonly dependsOn = [];

  constructor(private readonly clockSkewSeconds: number) {}

  async run({ period }: ParsedPresentation, { now }: PresentationContext): Promise<CheckOutcome> {
    return presentationPeriodOutcome(period, now, this.clockSkewSeconds);
  }
}
