import { digestMultibase, type JsonObject, type Learner } from '#schemas';
import type { CredentialVerifier, VerificationReport } from '../credentials/credential-verifier.js';
import type { ParsedCredential, VerifiedCredentialFormat } from '../credentials/parsed-credential.js';
import type { VerificationLogger } from '../logger.js';
import { type CheckOutcome, type CheckResult, valid } from '../pipeline/check.js';
import type { PresentationCheckName } from '../pipeline/check-name.js';
import { runCheck, runChecks } from '../pipeline/check-runner.js';
import { REQUIRED_CREDENTIAL_CHECKS, type Verdict, verdictOf } from '../pipeline/verification-verdict.js';
import { citedSources, type GivenSource, recognitionReportAmong, verdictWithSources } from '../recognition/recognition-sources.js';
import type { ChallengeStore } from './challenge-store.js';
import { ChallengeCheck } from './checks/challenge.check.js';
import type { HolderSignatureCheck } from './checks/holder-signature.check.js';
import { DomainCheck } from './checks/domain.check.js';
import { HolderCheck } from './checks/holder.check.js';
import { PresentationValidityPeriodCheck } from './checks/presentation-validity-period.check.js';
import { mapConcurrently } from './map-concurrently.js';
import { parsePresentation } from './checks/presentation-format.check.js';
import type { PresentationCheck, PresentationContext } from './parsed-presentation.js';

/** The presentation's own checks; each must pass before its credentials are verified. */
const OWN_CHECKS: readonly PresentationCheckName[] = ['format', 'holder-signature', 'challenge', 'domain', 'validity-period'];

/** Credentials of one presentation verified at once: a transcript is quick, and one request cannot open a hundred verifications. */
const CONCURRENT_CREDENTIALS = 4;

export interface PresentedCredentialReport extends VerificationReport {
  index: number;
  /** Whether the presenting holder is the credential's subject. */
  holder: CheckOutcome;
}

export interface PresentationReport {
  verdict: Verdict;
  verified: boolean;
  /** The presentation itself: format, the holder's signature, the challenge, the domain, its validity period. */
  checks: CheckResult<PresentationCheckName>[];
  holder?: string;
  /** Every credential inside, each with every credential check and the holder check. */
  credentials: PresentedCredentialReport[];
}

/** A presentation's report, and each credential inside as signed and its format (where it decoded), in the report's order. */
export interface PresentationVerification {
  report: PresentationReport;
  signed: (JsonObject | undefined)[];
  formats: (VerifiedCredentialFormat | undefined)[];
  /** Each credential as parsed: its exact signed bytes too, for callers that keep the credential (the credit bank's deposits). */
  parsed: (ParsedCredential | undefined)[];
}

export interface PresentationOptions {
  /** The challenge the school was given, and its domain. */
  challenge?: string;
  domain?: string;
  /** What the student told the school (a DID, email or student number), for credentials that name their subject only by hash. */
  learner?: Learner;
  /**
   * Where the challenge is taken from, when not the verifier's own challenges: an OpenID4VP request
   * or a VC-API exchange holds its own nonce, which every presentation of its one answer signs.
   */
  challenges?: ChallengeStore;
}

export interface PresentationVerifierOptions {
  clockSkewSeconds: number;
  logger: VerificationLogger;
}

/**
 * A presentation from a student (a VP-JWT, a `vp+jwt` or a Data Integrity presentation): the
 * holder's signature (a key its DID authenticates with), the single-use challenge this verifier
 * handed out and the domain it was handed to, then every credential inside, in any format, each
 * verified in full (a presentation's signature covers the credentials it carries, not their issuers'
 * signatures) and each checked to be the holder's. One credential that fails fails
 * the presentation; the report says which.
 */
export class PresentationVerifier {
  /** Instant, so not cut off by the deadline: a presentation whose holder signature holds always uses its challenge up. */
  private readonly instantChecks: readonly PresentationCheck[];
  private readonly holderCheck = new HolderCheck();

  constructor(
    private readonly credentials: CredentialVerifier,
    private readonly holderSignature: HolderSignatureCheck,
    private readonly challenges: ChallengeStore,
    private readonly options: PresentationVerifierOptions,
  ) {
    this.instantChecks = [new ChallengeCheck(), new DomainCheck(), new PresentationValidityPeriodCheck(options.clockSkewSeconds)];
  }

  /** The report, and each credential inside as signed and in its format (where it decoded), in the report's order. */
  async verify(input: unknown, options: PresentationOptions = {}): Promise<PresentationVerification> {
    const { logger } = this.options;
    const deadline = this.credentials.deadlineFromNow();
    const format = parsePresentation(input);
    if ('outcome' in format) return { report: report([{ check: 'format', ...format.outcome }], []), signed: [], formats: [], parsed: [] };
    const presentation = format.parsed;
    const context: PresentationContext = {
      now: new Date(),
      expected: { challenge: options.challenge, domain: options.domain },
      challenges: options.challenges ?? this.challenges,
    };
    const checks: CheckResult<PresentationCheckName>[] = [{ check: 'format', ...valid() }];
    checks.push(...(await runChecks([this.holderSignature], presentation, context, { earlier: checks, deadline, logger })));
    checks.push(...(await runChecks(this.instantChecks, presentation, context, { earlier: checks, logger })));
    // Credentials are verified only for a presentation that holds itself: whoever has no valid
    // challenge cannot make this verifier fetch and check a hundred credentials.
    if (verdictOf(checks, OWN_CHECKS) !== 'verified') {
      const result = { ...report(checks, []), holder: presentation.holder };
      logger.log(
        `Presentation by ${presentation.holder}: ${result.verdict}, its ${presentation.credentials.length} credentials not verified`,
      );
      return { report: result, signed: [], formats: [], parsed: [] };
    }
    const verified = await mapConcurrently(presentation.credentials, CONCURRENT_CREDENTIALS, (entry) =>
      this.credentials.verify(entry, { deadline }),
    );
    const signed = verified.map(({ credential }) => credential?.credential);
    const formats = verified.map(({ credential }) => credential?.format);
    const credentials = await Promise.all(
      withPresentedSources(verified).map(async (credentialReport, index): Promise<PresentedCredentialReport> => {
        const subject = { signed: signed[index], holder: presentation.holder, learner: options.learner };
        const { check: _holder, ...holder } = await runCheck(this.holderCheck, subject, undefined, credentialReport.checks, { logger });
        return { index, ...credentialReport, holder };
      }),
    );
    const result = { ...report(checks, credentials), holder: presentation.holder };
    logger.log(`Presentation by ${presentation.holder} with ${credentials.length} credentials: ${result.verdict}`);
    return { report: result, signed, formats, parsed: verified.map(({ credential }) => credential) };
  }
}

/**
 * Each recognition credential's report with the other credentials of the presentation as its given
 * sources (already verified: nothing is verified twice), its verdict with theirs.
 */
function withPresentedSources(verified: { report: VerificationReport; credential?: ParsedCredential }[]): VerificationReport[] {
  if (!verified.some(({ report }) => report.recognition)) return verified.map(({ report }) => report);
  const presented: GivenSource[] = verified.map(({ report, credential }) => ({
    report,
    ...(credential
      ? {
          digest: digestMultibase(credential.bytes),
          ...(typeof credential.credential.id === 'string' ? { id: credential.credential.id } : {}),
        }
      : {}),
  }));
  return verified.map(({ report, credential }, index) => {
    if (!report.recognition || !credential) return report;
    const signatureHolds = report.checks.some((check) => check.check === 'signature' && check.status === 'valid');
    const recognition = recognitionReportAmong(citedSources(credential.credential), presented, index, signatureHolds);
    const verdict = verdictWithSources(verdictOf(report.checks, REQUIRED_CREDENTIAL_CHECKS), recognition);
    return { ...report, recognition, verdict, verified: verdict === 'verified' };
  });
}

function report(checks: CheckResult<PresentationCheckName>[], credentials: PresentedCredentialReport[]): PresentationReport {
  const verdict = combined(checks, credentials);
  return { verdict, verified: verdict === 'verified', checks, credentials };
}

/**
 * The presentation's own verdict when it does not hold (its credentials are then not verified);
 * otherwise failed if any credential failed, indeterminate if any could not be checked, verified
 * only when every part passed.
 */
function combined(checks: CheckResult<PresentationCheckName>[], credentials: PresentedCredentialReport[]): Verdict {
  const own = verdictOf(checks, OWN_CHECKS);
  if (own !== 'verified') return own;
  const parts: Verdict[] = credentials.flatMap((credential) => [
    credential.verdict,
    verdictOf([{ check: 'holder', ...credential.holder }], ['holder']),
  ]);
  if (credentials.length === 0) parts.push('failed');
  if (parts.includes('failed')) return 'failed';
  return parts.includes('indeterminate') ? 'indeterminate' : 'verified';
}
