/** A check as a report lists it, over HTTP or from the library. */
interface ReportedCheck {
  check: string;
  status: string;
  reason?: { code: string };
}

/** Each check of a report as `[check, status, code]`, in order. */
export const checkLines = (checks: ReportedCheck[]) => checks.map(({ check, status, reason }) => [check, status, reason?.code]);

/** One check of a report as `[status, code]`; `[undefined, undefined]` when the report has no such check. */
export function outcomeOf(report: { checks: ReportedCheck[] }, name: string): [string | undefined, string | undefined] {
  const found = report.checks.find((check) => check.check === name);
  return [found?.status, found?.reason?.code];
}
