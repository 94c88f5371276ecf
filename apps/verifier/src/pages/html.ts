import { type Html, page as housePage } from '#service-kit';

export { escapeHtml, Html, html, PAGE_CSP } from '#service-kit';

/** The verifier's pages: the house frame with the verdict's colours. */
export function page(title: string, body: Html): string {
  return housePage(title, body, [
    '.verdict { padding: 1rem; border-radius: .5rem; border: 2px solid; }',
    '.verified { border-color: #1a7f37; background: #e9f6ec; } .failed { border-color: #b3261e; background: #fbeaea; } .indeterminate { border-color: #8a6100; background: #fff6e0; }',
    '.warning { border-left: 4px solid #8a6100; background: #fff6e0; padding: .5rem 1rem; }',
  ]);
}
