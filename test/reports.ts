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

/** The HTTP status the W3C VC-API verify endpoints answer with a report: 400 when it failed, else 200. */
export const httpStatusOf = (report: { verdict?: unknown }) => (report.verdict === 'failed' ? 400 : 200);
