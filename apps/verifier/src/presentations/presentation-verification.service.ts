import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Learner, subjectNames } from '#schemas';
import { type CheckOutcome, type CheckResult, invalid, skipped, valid } from '../verification/check.js';
import { ISSUER_UNKNOWN } from '../verification/checks/issuer-trust.check.js';
import type { SignatureCheck } from '../verification/checks/signature.check.js';
import { presentationPeriodOutcome } from '../verification/checks/validity-period.check.js';
import { beforeDeadline } from '../verification/verification-deadline.js';
import { type Verdict, verdictOf } from '../verification/verification-verdict.js';
import { type VerificationReport, VerificationService } from '../verification/verification.service.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import type { ChallengeStore } from './challenges.js';
import { type CreditSummary, creditSummary } from './credit-summary.js';
import { mapConcurrently } from './map-concurrently.js';
import { type ParsedPresentation, parsePresentation } from './presentation-format.js';

export const HOLDER_SIGNATURE = Symbol('HolderSignatureCheck');
export const CHALLENGES = Symbol('ChallengeStore');

/** The presentation's own checks; each must pass before its credentials are verified. */
const PRESENTATION_CHECKS = ['format', 'holder-signature', 'challenge', 'domain', 'validity-period'];

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
  checks: CheckResult[];
  holder?: string;
  /** Every credential inside, each with every credential check and the holder check. */
  credentials: PresentedCredentialReport[];
  creditSummary: CreditSummary;
}

/**
 * A presentation from a student: the holder's signature (a key its did:ethr authenticates with),
 * the single-use challenge this verifier handed out and the domain it was handed to, then every
 * credential inside, each verified in full (a VP-JWT's signature covers the credentials' JWTs, not
 * their issuers' signatures) and each checked to be the holder's. One credential that fails fails
 * the presentation; the report says which.
 */
@Injectable()
export class PresentationVerificationService {
  private readonly logger = new Logger(PresentationVerificationService.name);

  constructor(
    private readonly credentials: VerificationService,
    @Inject(HOLDER_SIGNATURE) private readonly holderSignature: SignatureCheck,
    @Inject(CHALLENGES) private readonly challenges: ChallengeStore,
    @Inject(VERIFIER_CONFIG) private readonly config: VerifierConfig,
  ) {}

  async verifyPresentation(input: unknown, options: { challenge?: string; domain?: string; learner?: Learner } = {}): Promise<PresentationReport> {
    const deadline = this.credentials.deadlineFromNow();
    const format = parsePresentation(input);
    if ('outcome' in format) return report([{ check: 'format', ...format.outcome }], []);
    const presentation = format.parsed;
    const signature = await beforeDeadline(() => this.holderSignature.run(presentation), deadline);
    const challenge = signature.status === 'valid' ? this.useChallenge(presentation, options.challenge) : undefined;
    const checks: CheckResult[] = [
      { check: 'format', ...valid() },
      { check: 'holder-signature', ...signature },
      { check: 'challenge', ...(challenge?.outcome ?? skipped('CHALLENGE_NOT_CHECKED', 'The holder\'s signature is not verified, so its challenge is not taken.')) },
      { check: 'domain', ...domainOutcome(presentation, challenge?.domain, options.domain) },
      { check: 'validity-period', ...presentationPeriodOutcome(presentation.payload, new Date(), this.config.clockSkewSeconds) },
    ];
    // Credentials are verified only for a presentation that holds itself: whoever has no valid
    // challenge cannot make this verifier fetch and check a hundred credentials.
    if (verdictOf(checks, PRESENTATION_CHECKS) !== 'verified') {
      const result = { ...report(checks, []), holder: presentation.holder };
      this.logger.log(`Presentation by ${presentation.holder}: ${result.verdict}, its ${presentation.credentials.length} credentials not verified`);
      return result;
    }
    const verified = await mapConcurrently(presentation.credentials, CONCURRENT_CREDENTIALS, (entry) => this.credentials.verify(entry, { deadline }));
    const signed = verified.map(({ credential }) => credential?.signed);
    const credentials = verified.map(({ report: credentialReport }, index): PresentedCredentialReport => ({
      index,
      ...credentialReport,
      holder: holderOutcome(signed[index], credentialReport, presentation.holder, options.learner),
    }));
    const result = { ...report(checks, credentials, signed), holder: presentation.holder };
    this.logger.log(`Presentation by ${presentation.holder} with ${credentials.length} credentials: ${result.verdict}`);
    return result;
  }

  /** The challenge is used up here, by the first presentation that names it, whatever follows. */
  private useChallenge(presentation: ParsedPresentation, expected: string | undefined): { outcome: CheckOutcome; domain?: string } {
    const { nonce } = presentation;
    if (typeof nonce !== 'string') return { outcome: invalid('CHALLENGE_MISSING', 'The presentation signs no challenge (JWT `nonce`): ask for one at POST /challenges.') };
    if (expected !== undefined && expected !== nonce) return { outcome: invalid('CHALLENGE_MISMATCH', 'The presentation answers another challenge than the one given.') };
    const use = this.challenges.use(nonce);
    if (!use.ok) {
      const messages = {
        CHALLENGE_UNKNOWN: 'This verifier never handed out that challenge.',
        CHALLENGE_ALREADY_USED: 'The challenge was already used: a presentation answers one challenge once.',
        CHALLENGE_EXPIRED: 'The challenge expired before the presentation came.',
      };
      return { outcome: invalid(use.code, messages[use.code]) };
    }
    return { outcome: valid(), domain: use.domain };
  }
}

function domainOutcome(presentation: ParsedPresentation, challengeDomain: string | undefined, expected: string | undefined): CheckOutcome {
  if (challengeDomain === undefined) return skipped('DOMAIN_NOT_CHECKED', 'Without a valid challenge there is no domain to hold the presentation to.');
  if (expected !== undefined && expected !== challengeDomain) return invalid('DOMAIN_MISMATCH', `The challenge was handed to ${challengeDomain}, not ${expected}.`);
  if (!presentation.audience.includes(challengeDomain)) {
    return invalid('DOMAIN_MISMATCH', `The presentation is addressed to ${presentation.audience.join(', ') || 'no one'}, not ${challengeDomain}.`);
  }
  return valid();
}

/** Only a credential whose own signature holds says who its subject is. */
function holderOutcome(signed: Record<string, any> | undefined, credential: VerificationReport, holder: string, learner: Learner | undefined): CheckOutcome {
  if (credential.checks.find((check) => check.check === 'signature')?.status !== 'valid') {
    return skipped('HOLDER_NOT_CHECKED', 'The credential\'s signature is not verified, so its subject is not known.');
  }
  const subject = (signed?.credentialSubject ?? {}) as { id?: unknown; identifier?: unknown };
  if (subject.id === holder) return valid();
  if (learner && subjectNames(subject, learner)) return valid();
  return invalid(
    'HOLDER_NOT_SUBJECT',
    learner ? 'The credential names neither the presenting holder nor the learner the school was told of.' : `The credential's subject is not ${holder}, who presents it.`,
  );
}

function report(checks: CheckResult[], credentials: PresentedCredentialReport[], signed: (Record<string, any> | undefined)[] = []): Omit<PresentationReport, 'holder'> {
  const verdict = combined(checks, credentials);
  return {
    verdict,
    verified: verdict === 'verified',
    checks,
    credentials,
    creditSummary: creditSummary(
      credentials.map((credential) => ({
        index: credential.index,
        verdict: credential.verdict,
        holderIsSubject: credential.holder.status === 'valid',
        issuerUnknown: credential.warnings.some((warning) => warning.reason?.code === ISSUER_UNKNOWN),
        signed: signed[credential.index],
        ...(credential.issuer ? { issuer: { id: credential.issuer.id, ...(credential.issuer.name ? { name: credential.issuer.name } : {}) } } : {}),
      })),
    ),
  };
}

/**
 * The presentation's own verdict when it does not hold (its credentials are then not verified);
 * otherwise failed if any credential failed, indeterminate if any could not be checked, verified
 * only when every part passed.
 */
function combined(checks: CheckResult[], credentials: PresentedCredentialReport[]): Verdict {
  const own = verdictOf(checks, PRESENTATION_CHECKS);
  if (own !== 'verified') return own;
  const parts: Verdict[] = credentials.flatMap((credential) => [credential.verdict, verdictOf([{ check: 'holder', ...credential.holder }], ['holder'])]);
  if (credentials.length === 0) parts.push('failed');
  if (parts.includes('failed')) return 'failed';
  return parts.includes('indeterminate') ? 'indeterminate' : 'verified';
}
