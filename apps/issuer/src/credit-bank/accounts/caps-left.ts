import type { RecognitionPolicy } from '#schemas';
import { fromHundredths, toHundredths } from '../rules/credit-conversion.js';
import type { RecognisedTotals } from '../rules/recognition-input.js';

/** What a programme's policy still allows, given what is recognised: what the learner's page shows. */
export interface CapsLeft {
  /** The smallest of the total cap, the share of the programme and the programme less its residency minimum. */
  overall: number;
  total?: number;
  shareOfProgramme?: number;
  residency: number;
  perYear?: Record<string, number>;
  perTerm?: Record<string, number>;
  perSourceInstitution?: Record<string, number>;
}

/** Credits left under each cap (never below zero), per year, term and source for those that have recognised some. */
export function capsLeft(policy: RecognitionPolicy, recognised: RecognisedTotals): CapsLeft {
  const left = (limit: number, used: number) => Math.max(0, fromHundredths(toHundredths(limit) - toHundredths(used)));
  const each = (limit: number | undefined, used: Record<string, number>) =>
    limit === undefined ? undefined : Object.fromEntries(Object.entries(used).map(([key, credits]) => [key, left(limit, credits)]));
  const { caps, programme, residencyMinimum } = policy;
  const total = caps.total === undefined ? undefined : left(caps.total, recognised.total);
  const shareOfProgramme =
    caps.shareOfProgramme === undefined ? undefined : left(caps.shareOfProgramme * programme.totalCredits, recognised.total);
  const residency = left(programme.totalCredits - residencyMinimum, recognised.total);
  const perYear = each(caps.perYear, recognised.byYear);
  const perTerm = each(caps.perTerm, recognised.byTerm);
  const perSourceInstitution = each(caps.perSourceInstitution, recognised.bySource);
  return {
    overall: Math.min(residency, total ?? Number.POSITIVE_INFINITY, shareOfProgramme ?? Number.POSITIVE_INFINITY),
    ...(total !== undefined && { total }),
    ...(shareOfProgramme !== undefined && { shareOfProgramme }),
    residency,
    ...(perYear && { perYear }),
    ...(perTerm && { perTerm }),
    ...(perSourceInstitution && { perSourceInstitution }),
  };
}
