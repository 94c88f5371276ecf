import type { VerificationLink } from '#schemas';
import { type CheckResult, type CredentialCheckName, resultOf, type VerificationReport } from '#verification';
import type { CredentialDisplay } from './credential-display.js';
import { type Html, html, page } from './html.js';

const HEADLINES = {
  verified: { verdict: 'Verified', explanation: 'Every check that applies passed.' },
  failed: { verdict: 'Not valid', explanation: 'At least one check failed: do not rely on this credential.' },
  indeterminate: {
    verdict: 'Could not be fully verified',
    explanation: 'Something could not be checked right now (for example a status list or the chain did not answer). Try again later.',
  },
  issuerUnknown: {
    verdict: 'Signature valid, institution unknown',
    explanation:
      'The signature holds and no check failed, but the institution that signed this credential is not known to this verifier. Confirm who issued it before relying on it.',
  },
} as const;

/** What the page leads with: an unknown issuer is said plainly, not as "try again later". */
function headlineOf(report: VerificationReport): (typeof HEADLINES)[keyof typeof HEADLINES] {
  const issuerUnknown =
    report.verdict === 'indeterminate' &&
    report.checks.some((check) => check.reason?.code === 'ISSUER_UNKNOWN') &&
    !report.checks.some((check) => check.status === 'error');
  return HEADLINES[issuerUnknown ? 'issuerUnknown' : report.verdict];
}

const CHECK_LABELS: Record<CredentialCheckName, string> = {
  format: 'Format',
  signature: 'Signature of the issuer',
  'signed-payload': 'Nothing changed since signing',
  schema: 'Credential structure',
  'validity-period': 'Validity period',
  status: 'Not revoked or suspended',
  anchor: 'Anchored on the blockchain',
  'issuer-trust': 'Issuer is a trusted institution',
};

const MARKS = {
  valid: '✓ Passed',
  invalid: '✗ Failed',
  error: '? Could not check',
  skipped: '– Not checked',
} as const;

const IDENTIFIER_TYPES: Record<string, string> = { emailAddress: 'an email address', sisSourcedId: 'a student number' };

export interface ReportPageInput {
  report: VerificationReport;
  display?: CredentialDisplay;
  link?: VerificationLink;
}

/** The verification report for people: verdict first, then who, what, each check, and the anchor. */
export function renderReportPage({ report, display, link }: ReportPageInput): string {
  const receipt = resultOf(report.checks, 'anchor')?.details?.receipt as
    { txHash: string; blockNumber: number; chainId: number; anchoredAt: string } | undefined;
  const headline = headlineOf(report);
  return page(
    `${headline.verdict}: ${display?.achievement?.name ?? display?.name ?? 'credential'}`,
    html`
<main>
<h1>Credential verification</h1>
<section class="verdict ${report.verdict}" role="status" aria-live="polite">
  <p><strong id="verdict">${headline.verdict}</strong></p>
  <p>${headline.explanation}</p>
</section>
${report.warnings.map((warning) => html`<p class="warning" role="note"><strong>Warning:</strong> ${warning.reason?.message}</p>`)}
${display ? credentialSection(report, display) : html`<p>The credential could not be read.</p>`}
<h2>Checks</h2>
<table>
  <thead><tr><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Why</th></tr></thead>
  <tbody>
  ${report.checks.map(checkRow)}
  </tbody>
</table>
${report.recognition ? recognitionSection(report.recognition) : ''}
${
  receipt
    ? html`<h2>Blockchain anchor</h2>
<dl>
  <dt>Transaction</dt><dd><code id="anchor-tx">${receipt.txHash}</code></dd>
  <dt>Block</dt><dd id="anchor-block">${receipt.blockNumber} (chain ${receipt.chainId})</dd>
  <dt>Anchored at</dt><dd>${receipt.anchoredAt}</dd>
</dl>`
    : ''
}
${
  link
    ? html`<h2>This page's link</h2>
<p><a href="${link.url}">${link.url}</a></p>
<p><img src="/v/${link.code}/qr.svg" width="160" height="160" alt="QR code of this page's link"> <a href="/v/${link.code}/qr.png" download>QR code as PNG</a></p>`
    : ''
}
<p><a href="/">Verify another credential</a></p>
</main>`,
  );
}

function credentialSection(report: VerificationReport, display: CredentialDisplay): Html {
  const issuer = report.issuer;
  return html`
<h2>Credential</h2>
<dl>
  <dt>Institution</dt>
  <dd id="institution">${
    issuer?.trusted
      ? html`${issuer.name} <span>(a trusted institution${issuer.url && /^https?:\/\//.test(issuer.url) ? html`, <a href="${issuer.url}">${issuer.url}</a>` : ''})</span>`
      : html`<strong>Not an institution this verifier trusts.</strong> The credential names itself as issued by ${display.claimedIssuer?.name ?? 'an unnamed issuer'}, which no trusted registry confirms.`
  }<br><code>${issuer?.id}</code></dd>
  <dt>Learner</dt>
  <dd id="learner">${
    'did' in display.learner
      ? html`<code>${display.learner.did}</code>`
      : 'hashedIdentifiers' in display.learner
        ? `Identified by ${display.learner.hashedIdentifiers.map((type) => IDENTIFIER_TYPES[type] ?? type).join(' and ')}, kept hashed in the credential: ask the learner to prove it.`
        : 'Not named in the credential.'
  }</dd>
  <dt>Achievement</dt>
  <dd id="achievement">${display.achievement?.name ?? display.name}${display.achievement?.code ? ` (${display.achievement.code})` : ''}${display.achievement?.type ? html`<br>${display.achievement.type}` : ''}</dd>
  ${display.credits ? html`<dt>Credits</dt><dd id="credits">${display.credits.amount} ${display.credits.unit ?? 'credits'}</dd>` : ''}
  ${display.grade ? html`<dt>Grade</dt><dd id="grade">${display.grade}</dd>` : ''}
  ${display.term ? html`<dt>Term</dt><dd>${display.term}</dd>` : ''}
  ${display.issuanceDate ? html`<dt>Issued</dt><dd>${display.issuanceDate}</dd>` : ''}
</dl>`;
}

/** The credentials a recognition rests on, as it cites them: the learner can give them to be checked here. */
function recognitionSection(recognition: NonNullable<VerificationReport['recognition']>): Html {
  return html`<h2>Recognised from</h2>
<p>This credential recognises learning certified by the credentials below; it names each by the digest of its exact bytes.</p>
<table id="sources">
  <thead><tr><th scope="col">Source credential</th><th scope="col">Result</th><th scope="col">Why</th></tr></thead>
  <tbody>
  ${recognition.sources.map(
    (source) =>
      html`<tr data-status="${source.status}"><th scope="row">${source.cited?.name ?? 'A credential given'}<br><code>${source.cited?.id ?? ''}</code><br><code>${source.cited?.digestMultibase ?? ''}</code></th><td class="mark">${MARKS[source.status]}</td><td>${source.reason?.message ?? ''}</td></tr>`,
  )}
  </tbody>
</table>`;
}

function checkRow(check: CheckResult<CredentialCheckName>): Html {
  return html`<tr data-check="${check.check}" data-status="${check.status}"><th scope="row">${CHECK_LABELS[check.check]}</th><td class="mark">${MARKS[check.status]}</td><td>${check.reason?.message ?? ''}</td></tr>`;
}
