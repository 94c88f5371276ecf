/** Everything rendered passes through here: text and attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A tagged template that escapes every interpolated value unless it is already rendered `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, string, i) => out + string + (i < values.length ? render(values[i]) : ''), ''));
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/**
 * The page frame: no external assets (styles inline, images from the serving app), and a Content
 * Security Policy that allows nothing else, scripts only where the page has its own inline one.
 */
export const PAGE_CSP = (scripts: boolean) =>
  `default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'${scripts ? "; script-src 'unsafe-inline'" : ''}`;

/** A whole page in the house style; `styles` are the page's own rules, written by the app, never from input. */
export function page(title: string, body: Html, styles: string[] = []): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
${new Html(styles.map((rule) => `  ${rule}\n`).join(''))}  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .4rem; border-bottom: 1px solid #ddd; }
  dt { font-weight: 600; } dd { margin: 0 0 .5rem 0; overflow-wrap: anywhere; }
  code { overflow-wrap: anywhere; } textarea { width: 100%; min-height: 12rem; font-family: monospace; }
  .mark { font-weight: 700; white-space: nowrap; }
</style>
</head>
<body>
${body}
</body>
</html>`.value;
}
