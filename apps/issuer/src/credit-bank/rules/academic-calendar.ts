/**
 * Terms and years for the per-term and per-year caps, cut from a completion date by the policy's
 * calendar: a year starts on the first of `yearStartMonth` (UTC) and is named by the calendar year it
 * starts in; it has `termsPerYear` equal terms, named `<year>-T<n>`.
 */
export function academicPeriodOf(completedAt: string, calendar: { yearStartMonth: number; termsPerYear: number }) {
  const date = new Date(completedAt);
  const month = date.getUTCMonth() + 1;
  const startYear = month >= calendar.yearStartMonth ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  const monthsIn = (month - calendar.yearStartMonth + 12) % 12;
  const term = Math.floor(monthsIn / (12 / calendar.termsPerYear)) + 1;
  return { year: String(startYear), term: `${startYear}-T${term}` };
}

/** Whether learning completed at `completedAt` is older than `years` before `asOf` (same day and time, years earlier). */
export function isOlderThan(completedAt: string, years: number, asOf: string): boolean {
  const cutoff = new Date(asOf);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return Date.parse(completedAt) < cutoff.getTime();
}
