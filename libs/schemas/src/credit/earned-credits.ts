import { CREDIT_UNITS, type CreditUnit } from './credit-units.js';

const UNIT_BY_FRAMEWORK = new Map(Object.entries(CREDIT_UNITS).map(([unit, { framework }]) => [framework, unit as CreditUnit]));

/**
 * The credits a credential says its subject earned, read defensively (any issuer's credential may
 * be read): the amount where Open Badges readers look (`creditsEarned`), the unit from the first
 * Result's `creditReceived` framework; `unit` is absent for a framework we do not know. Undefined
 * for a credential that earns no credits.
 */
export function earnedCredits(credential: {
  credentialSubject?: unknown;
}): { amount: number; framework?: string; unit?: CreditUnit } | undefined {
  const subject = credential.credentialSubject as { creditsEarned?: unknown; result?: unknown } | undefined;
  if (typeof subject?.creditsEarned !== 'number') return undefined;
  const framework = ([] as { creditReceived?: { framework?: unknown } }[])
    .concat((subject.result ?? []) as never)
    .find((result) => result?.creditReceived)?.creditReceived?.framework;
  const unit = typeof framework === 'string' ? UNIT_BY_FRAMEWORK.get(framework) : undefined;
  return { amount: subject.creditsEarned, ...(typeof framework === 'string' ? { framework } : {}), ...(unit ? { unit } : {}) };
}
