import type { RecognitionPolicy } from '#schemas';
import { fromHundredths, toHundredths } from './credit-conversion.js';
import type { RecognisedTotals, RuleAttempt } from './recognition-input.js';

/** What one proposal adds, in hundredths of the policy's credits. */
export interface CapCharge {
  credits: number;
  term: string;
  year: string;
  /** By issuer DID; sums to `credits`. */
  bySource: Map<string, number>;
}

/**
 * The running totals the caps are checked against: what the ledger had recognised plus what this run
 * has proposed so far. Caps are checked in a fixed order (total, share of the programme, residency,
 * per year, per term, per source) and the first one exceeded is the reason. A proposal is whole: one
 * that does not fit is refused, never cut down to fit.
 */
export class CapTracker {
  private total: number;
  private readonly byTerm: Map<string, number>;
  private readonly byYear: Map<string, number>;
  private readonly bySource: Map<string, number>;
  private readonly limits: { reason: 'CAP_TOTAL' | 'CAP_SHARE' | 'CAP_RESIDENCY'; limit: number; what: string }[];

  constructor(
    private readonly policy: RecognitionPolicy,
    recognised: RecognisedTotals,
  ) {
    const hundredthsOf = (record: Record<string, number>) =>
      new Map(Object.entries(record).map(([key, credits]) => [key, toHundredths(credits)]));
    this.total = toHundredths(recognised.total);
    this.byTerm = hundredthsOf(recognised.byTerm);
    this.byYear = hundredthsOf(recognised.byYear);
    this.bySource = hundredthsOf(recognised.bySource);
    const { caps, programme, residencyMinimum } = policy;
    this.limits = [
      ...(caps.total === undefined ? [] : [{ reason: 'CAP_TOTAL' as const, limit: toHundredths(caps.total), what: 'the total cap' }]),
      ...(caps.shareOfProgramme === undefined
        ? []
        : [
            {
              reason: 'CAP_SHARE' as const,
              limit: toHundredths(caps.shareOfProgramme * programme.totalCredits),
              what: `${caps.shareOfProgramme * 100} % of the programme`,
            },
          ]),
      {
        reason: 'CAP_RESIDENCY' as const,
        limit: toHundredths(programme.totalCredits - residencyMinimum),
        what: `the programme's ${programme.totalCredits} credits less the ${residencyMinimum} to be earned here`,
      },
    ];
  }

  /** The first cap the charge would exceed, or undefined when it fits them all. */
  exceeded(charge: CapCharge): Omit<RuleAttempt, 'rule'> | undefined {
    const over = (now: number, limit: number, what: string) =>
      `${fromHundredths(charge.credits)} more credits would bring ${what} to ${fromHundredths(now + charge.credits)}, over ${fromHundredths(limit)}`;
    for (const { reason, limit, what } of this.limits)
      if (this.total + charge.credits > limit) return { reason, message: over(this.total, limit, `the recognised total (cap: ${what})`) };
    const { caps } = this.policy;
    if (caps.perYear !== undefined) {
      const now = this.byYear.get(charge.year) ?? 0;
      if (now + charge.credits > toHundredths(caps.perYear))
        return { reason: 'CAP_PER_YEAR', message: over(now, toHundredths(caps.perYear), `the year ${charge.year}`) };
    }
    if (caps.perTerm !== undefined) {
      const now = this.byTerm.get(charge.term) ?? 0;
      if (now + charge.credits > toHundredths(caps.perTerm))
        return { reason: 'CAP_PER_TERM', message: over(now, toHundredths(caps.perTerm), `the term ${charge.term}`) };
    }
    if (caps.perSourceInstitution !== undefined)
      for (const [issuer, credits] of charge.bySource) {
        const now = this.bySource.get(issuer) ?? 0;
        if (now + credits > toHundredths(caps.perSourceInstitution))
          return {
            reason: 'CAP_PER_SOURCE',
            message: `${fromHundredths(credits)} more credits from ${issuer} would bring them to ${fromHundredths(now + credits)}, over ${caps.perSourceInstitution}`,
          };
      }
    return undefined;
  }

  charge(charge: CapCharge): void {
    const add = (map: Map<string, number>, key: string, credits: number) => map.set(key, (map.get(key) ?? 0) + credits);
    this.total += charge.credits;
    add(this.byTerm, charge.term, charge.credits);
    add(this.byYear, charge.year, charge.credits);
    for (const [issuer, credits] of charge.bySource) add(this.bySource, issuer, credits);
  }

  totals(): Pick<RecognisedTotals, 'total' | 'byTerm' | 'byYear' | 'bySource'> {
    const numbersOf = (map: Map<string, number>) =>
      Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => [key, fromHundredths(value)]));
    return {
      total: fromHundredths(this.total),
      byTerm: numbersOf(this.byTerm),
      byYear: numbersOf(this.byYear),
      bySource: numbersOf(this.bySource),
    };
  }
}
