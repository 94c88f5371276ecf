import { type Html, page as framedPage } from '#service-kit';

export { escapeHtml, Html, html, PAGE_CSP } from '#service-kit';

/** The verifier's pages: the shared frame, with the verdict's colours and the start page's form. */
const VERIFIER_STYLES = `
  .verdict { padding: 1rem; border-radius: .5rem; border: 2px solid; }
  .verified { border-color: #1a7f37; background: #e9f6ec; } .failed { border-color: #b3261e; background: #fbeaea; } .indeterminate { border-color: #8a6100; background: #fff6e0; }
  .warning { border-left: 4px solid #8a6100; background: #fff6e0; padding: .5rem 1rem; }
  textarea { width: 100%; min-height: 12rem; font-family: monospace; }
  .mark { font-weight: 700; white-space: nowrap; }`;

export function page(title: string, body: Html): string {
  return framedPage(title, body, VERIFIER_STYLES);
}
