import { Html, html, page } from '#service-kit';
import type { ClaimPageOffer } from './wallet-offers.service.js';

const STYLES = [
  '.card { border-radius: .75rem; padding: 1rem 1.25rem; background: #12355b; color: #fff; }',
  '.card p { margin: .25rem 0; } .card .name { font-size: 1.3rem; font-weight: 700; }',
  '.qr { max-width: 18rem; margin: 1.5rem auto; } .qr svg { width: 100%; height: auto; display: block; }',
  '.button { display: block; text-align: center; padding: .9rem 1rem; border-radius: .5rem; background: #1a7f37; color: #fff; font-weight: 700; text-decoration: none; font-size: 1.1rem; }',
  '.notice { padding: 1rem; border-radius: .5rem; border: 2px solid #8a6100; background: #fff6e0; }',
  'ol li { margin-bottom: .5rem; } details { margin-top: 1.5rem; } details code { display: block; font-size: .8rem; }',
];

const dateOf = (date: Date) => date.toUTCString().replace(/:\d\d GMT$/, ' UTC');

/**
 * The page an institution emails a learner: which institution, which achievement, and how to take
 * the credential into a wallet: scan the QR code (shown inline, no external request), or tap the
 * deep link on the phone that holds the wallet. Everything interpolated is escaped; the QR code is
 * our own SVG.
 */
export function renderClaimPage(offer: ClaimPageOffer): string {
  const card = html`<div class="card"><p class="name">${offer.achievementName}</p><p>${offer.institution.name}</p></div>`;
  const title = `Your credential from ${offer.institution.name}`;
  if (offer.state !== 'open') {
    const why =
      offer.state === 'collected'
        ? html`This offer has been collected by a wallet already. Each offer works once; if it was not you, tell ${offer.institution.name} at once.`
        : html`This offer expired on ${dateOf(offer.expiresAt)}. Ask ${offer.institution.name} for a new one.`;
    return page(title, html`<h1>${title}</h1>${card}<p class="notice">${why}</p>`, STYLES);
  }
  return page(
    title,
    html`<h1>${title}</h1>
${card}
<div class="qr" role="img" aria-label="QR code of the credential offer">${new Html(offer.qrSvg)}</div>
<p><a class="button" href="${offer.credentialOffer}">Open in my wallet app</a></p>
<h2>How to collect it</h2>
<ol>
  <li>Have a wallet app that receives credentials by OpenID4VCI on your phone.</li>
  <li>On a computer, scan the QR code with the wallet. On the phone with the wallet, tap <strong>Open in my wallet app</strong>.</li>
  ${offer.txCodeRequired ? html`<li>When the wallet asks for a code, enter the 6-digit code ${offer.institution.name} sent you separately.</li>` : ''}
  <li>Check that the wallet names ${offer.institution.name}, then accept. The credential is bound to your wallet's key.</li>
</ol>
<p>This offer works once and expires on ${dateOf(offer.expiresAt)}. Anyone with this page can collect it${offer.txCodeRequired ? ' if they also have the code' : ''}: do not share it.</p>
<details><summary>The offer link, to paste into a wallet</summary><code>${offer.credentialOffer}</code></details>`,
    STYLES,
  );
}
