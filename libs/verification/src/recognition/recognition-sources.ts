import { isJsonObject, isRecognitionCredential, type JsonObject, listOf } from '#schemas';
import { type CheckResult, invalid, skipped, valid, failedToCheck, type CheckOutcome } from '../pipeline/check.js';
import type { Verdict } from '../pipeline/verification-verdict.js';

/** A source credential as a recognition credential cites it: its `relatedResource` entry, and the name of its `evidence` entry. */
export interface CitedSource {
  id: string;
  name?: string;
  digestMultibase: string;
  mediaType?: string;
}

/** What a source's own verification found, as much of it as a source's line needs. */
export interface SourceVerification {
  verdict: Verdict;
  checks: CheckResult[];
}

/** A given source credential, read and verified: its canonical bytes' digest and id when it decoded, and its report. */
export interface GivenSource<Report extends SourceVerification = SourceVerification> {
  digest?: string;
  id?: string;
  report: Report;
}

/**
 * One line of a recognition's sub-report: a source it cites (with the credential given for it, by
 * its place among the given ones), or a credential given that it does not cite. `status` and
 * `reason` are the `source` check's; `verification` is the given credential's own report.
 */
export interface SourceReport<Report extends SourceVerification = SourceVerification> extends CheckResult<'source'> {
  cited?: CitedSource;
  given?: number;
  verification?: Report;
}

export interface RecognitionReport<Report extends SourceVerification = SourceVerification> {
  sources: SourceReport<Report>[];
}

/** The sources a recognition credential cites, read from what was signed: its related resources with a digest, named by its evidence. */
export function citedSources(credential: JsonObject): CitedSource[] {
  const names = new Map(
    listOf(credential.evidence)
      .filter(isJsonObject)
      .filter((entry) => typeof entry.id === 'string' && typeof entry.name === 'string')
      .map((entry) => [entry.id as string, entry.name as string]),
  );
  return listOf(credential.relatedResource)
    .filter(isJsonObject)
    .filter((entry) => typeof entry.id === 'string' && typeof entry.digestMultibase === 'string')
    .map((entry) => ({
      id: entry.id as string,
      ...(names.has(entry.id as string) ? { name: names.get(entry.id as string) } : {}),
      digestMultibase: entry.digestMultibase as string,
      ...(typeof entry.mediaType === 'string' ? { mediaType: entry.mediaType } : {}),
    }));
}

/** Whether a credential gets a recognition sub-report: it is a recognition, or sources were given for it. */
export function isRecognition(credential: JsonObject, given: readonly unknown[]): boolean {
  return isRecognitionCredential(credential) || given.length > 0;
}

/**
 * Each cited source against the credentials given: one given with its digest is the source, and
 * holds when it verifies now (SOURCE_NOT_VERIFIED when it fails, SOURCE_INDETERMINATE when that
 * could not be decided); one with its id but another digest is not the credential recognised
 * (SOURCE_DIGEST_MISMATCH); none is SOURCE_NOT_PROVIDED, a skip. A given credential the recognition
 * does not cite is SOURCE_NOT_CITED. Nothing is checked while the recognition's own signature does
 * not hold (SOURCES_NOT_CHECKED): what it cites is not known to be what its issuer cited.
 */
export function recognitionReport<Report extends SourceVerification>(
  cited: CitedSource[],
  given: GivenSource<Report>[],
  signatureHolds: boolean,
): RecognitionReport<Report> {
  if (!signatureHolds) {
    const unmet = skipped('SOURCES_NOT_CHECKED', "The recognition's signature is not verified, so the sources it cites are not checked.");
    return { sources: cited.map((source) => line<Report>(unmet, { cited: source })) };
  }
  const used = new Set<number>();
  const lines = cited.map((source): SourceReport<Report> => {
    const byDigest = given.findIndex((entry, i) => !used.has(i) && entry.digest === source.digestMultibase);
    if (byDigest >= 0) {
      used.add(byDigest);
      return line(outcomeOf(given[byDigest].report), { cited: source, given: byDigest, verification: given[byDigest].report });
    }
    const byId = given.findIndex((entry, i) => !used.has(i) && entry.id === source.id);
    if (byId >= 0) {
      used.add(byId);
      const mismatch = invalid(
        'SOURCE_DIGEST_MISMATCH',
        `The credential given as ${source.id} is not the one recognised: its digest is ${given[byId].digest ?? 'unknown (it does not decode)'}, the recognition cites ${source.digestMultibase}.`,
      );
      return line(mismatch, { cited: source, given: byId, verification: given[byId].report });
    }
    return line(skipped('SOURCE_NOT_PROVIDED', `No credential was given for the source ${source.id}; only its citation is reported.`), {
      cited: source,
    });
  });
  const uncited = given.flatMap((entry, i): SourceReport<Report>[] =>
    used.has(i)
      ? []
      : [
          line(
            invalid(
              'SOURCE_NOT_CITED',
              `The credential given as source ${i}${entry.id ? ` (${entry.id})` : ''} is not one the recognition cites, by digest or by id.`,
            ),
            { given: i, verification: entry.report },
          ),
        ],
  );
  return { sources: [...lines, ...uncited] };
}

/**
 * A recognition presented with other credentials: those others are its given sources, by their place
 * in the presentation (its own place matches nothing). Credentials it does not cite are simply other
 * credentials of the learner's, not lines of its report; each line names the credential it matched
 * (`given`) and leaves its report where the presentation's report has it.
 */
export function recognitionReportAmong(
  cited: CitedSource[],
  presented: GivenSource[],
  self: number,
  signatureHolds: boolean,
): RecognitionReport<never> {
  const others = presented.map((entry, i) => (i === self ? { report: entry.report } : entry));
  const { sources } = recognitionReport(cited, others, signatureHolds);
  return { sources: sources.filter((line) => line.cited !== undefined).map(({ verification: _verification, ...line }) => line) };
}

/**
 * The recognition's verdict with its sources': a source that fails or was not the one cited fails
 * it, one that could not be checked leaves it indeterminate; a source not given changes nothing.
 */
export function verdictWithSources(verdict: Verdict, recognition: RecognitionReport | undefined): Verdict {
  const statuses = recognition?.sources.map((source) => source.status) ?? [];
  if (verdict === 'failed' || statuses.includes('invalid')) return 'failed';
  if (verdict === 'indeterminate' || statuses.includes('error')) return 'indeterminate';
  return verdict;
}

function outcomeOf(report: SourceVerification): CheckOutcome {
  if (report.verdict === 'verified') return valid();
  const why = report.checks
    .filter((check) => check.status === (report.verdict === 'failed' ? 'invalid' : 'error'))
    .map((check) => `${check.check}: ${check.reason?.code}`)
    .join(', ');
  return report.verdict === 'failed'
    ? invalid('SOURCE_NOT_VERIFIED', `The source has the cited digest but does not verify now (${why}).`)
    : failedToCheck(
        'SOURCE_INDETERMINATE',
        `The source has the cited digest, but whether it verifies could not be decided now (${why || 'a required check did not pass'}).`,
      );
}

function line<Report extends SourceVerification>(
  outcome: CheckOutcome,
  parts: { cited?: CitedSource; given?: number; verification?: Report },
): SourceReport<Report> {
  return { check: 'source', ...outcome, ...parts };
}
