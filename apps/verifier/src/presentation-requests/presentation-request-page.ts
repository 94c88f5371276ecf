import { type Html, html, page } from '../pages/html.js';
import type { PresentationRequestView } from './presentation-requests.service.js';

const VERDICTS = {
  verified: ['Verified', 'Every presentation and every credential in it passed every check.'],
  failed: ['Not valid', 'At least one credential failed a check: only what is counted below may be relied on.'],
  indeterminate: ['Could not be fully verified', 'Something could not be checked right now; the credits below count only what verified.'],
} as const;

const UNIT_NAMES: Record<string, string> = {
  ECTS: 'ECTS credits',
  US_SEMESTER_CREDIT_HOUR: 'semester credit hours',
  US_QUARTER_CREDIT_HOUR: 'quarter credit hours',
};

/**
 * A school's presentation request for people: while pending, the QR code a student's wallet scans
 * (OpenID4VP, and the Learner Credential Wallet's link); once answered, the verdict and the credits.
 * It shows the state as of loading: a reload shows the answer, no script polls.
 */
export function renderPresentationRequestPage(view: PresentationRequestView): string {
  return page(
    'Presentation request',
    html`
<h1>Credits a student presents</h1>
<p>Asked for: ${view.query.kinds.join(', ')} credentials${view.query.issuers ? html` from ${view.query.issuers.join(', ')}` : ' from any institution'}.
${view.query.purpose ? html`<br>Purpose: ${view.query.purpose}` : ''}</p>
${view.state === 'pending' ? pending(view) : view.state === 'expired' ? expired(view) : answered(view)}
`,
  );
}

/** The page's images by path: whichever instance serves the page serves them (the CSP allows only 'self'). */
const sameOrigin = (url: string): string => {
  const { pathname, search } = new URL(url);
  return pathname + search;
};

function pending(view: PresentationRequestView): Html {
  return html`
<h2 id="state">Waiting for the student's wallet</h2>
<p>The student scans this code with an OpenID4VP wallet, chooses the credentials, and shares them. Reload this page to see the result.</p>
<p><img id="qr" src="${sameOrigin(view.qr.openid4vp)}" alt="QR code of the presentation request" width="320" height="320"></p>
<p>On the student's own phone: <a href="${view.openid4vp.authorizationRequest}">open the request in a wallet</a>.</p>
<h2>Learner Credential Wallet</h2>
<p><img src="${sameOrigin(view.qr.vcApi)}" alt="QR code for the Learner Credential Wallet" width="200" height="200"></p>
<p><a href="${view.vcApi.walletLink}">Open in the Learner Credential Wallet</a></p>
<p>The request expires at ${view.expiresAt.toISOString()}.</p>`;
}

function expired(view: PresentationRequestView): Html {
  return html`<div class="verdict indeterminate"><strong id="state">Expired</strong><br>No wallet answered before ${view.expiresAt.toISOString()}. Make a new request.</div>`;
}

function answered(view: PresentationRequestView): Html {
  const result = view.result!;
  const [verdict, explanation] = VERDICTS[result.verdict];
  const { creditSummary } = result;
  const credentials = result.presentations.flatMap((presentation) => presentation.credentials);
  return html`
<div class="verdict ${result.verdict}"><strong id="verdict">${verdict}</strong><br>${explanation}</div>
<h2>Credits counted</h2>
${
  creditSummary.byUnit.length === 0
    ? html`<p>None.</p>`
    : html`<table><tr><th>Unit</th><th>Credits</th></tr>${creditSummary.byUnit.map(
        (total) => html`<tr data-unit="${total.unit}"><td>${UNIT_NAMES[total.unit] ?? total.unit}</td><td>${total.credits}</td></tr>`,
      )}</table>
<h2>By institution</h2>
<table><tr><th>Institution</th><th>Unit</th><th>Credits</th></tr>${creditSummary.byInstitution.map(
        (total) =>
          html`<tr><td>${total.name ?? total.issuer}</td><td>${UNIT_NAMES[total.unit] ?? total.unit}</td><td>${total.credits}</td></tr>`,
      )}</table>`
}
${creditSummary.notCounted.length > 0 ? html`<h2>Not counted</h2><ul>${creditSummary.notCounted.map((entry) => html`<li>${entry.id ?? `Credential ${entry.index + 1}`}: ${entry.reason}</li>`)}</ul>` : ''}
<h2>Credentials presented</h2>
<table><tr><th>Credential</th><th>Issuer</th><th>Verdict</th></tr>${credentials.map(
    (credential) =>
      html`<tr><td><code>${credential.credential?.id ?? '(undecodable)'}</code></td><td>${credential.issuer?.name ?? credential.issuer?.id ?? ''}</td><td class="mark">${credential.verdict}</td></tr>`,
  )}</table>
<h2>Presented by</h2>
<ul>${result.holders.map((holder) => html`<li><code>${holder}</code></li>`)}</ul>
<p>Answered ${view.answeredAt?.toISOString()} through ${result.protocol === 'openid4vp' ? 'OpenID4VP' : 'a VC-API exchange'}.</p>`;
}
