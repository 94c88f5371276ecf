import { html, page } from '#service-kit';
import type { AccountView } from './credit-accounts.service.js';

const STYLES = [
  '.revoked, .withdrawn, .refused, .refused-by-rule { color: #8a1c1c; }',
  '.confirmed, .edited { color: #1a7f37; }',
  'td { overflow-wrap: anywhere; }',
];

const credits = (value: { value: number; framework: string } | null) => (value ? `${value.value}` : '—');

/** What the learner sees of their account: credits recognised per programme and what the caps leave, deposits, decisions. */
export function accountPage(view: AccountView): string {
  const title = `Credit account at ${view.institution.name}`;
  return page(
    title,
    html`<h1 id="title">${title}</h1>
<dl>
  <dt>Holder</dt><dd><code>${view.holderDid}</code></dd>
  <dt>Opened</dt><dd>${view.openedAt}</dd>
</dl>
<h2>Recognised credits</h2>
${
  view.programmes.length === 0
    ? html`<p>No published policy of ${view.institution.name} applies yet.</p>`
    : html`<table>
<thead><tr><th>Programme</th><th>Recognised</th><th>Still recognisable</th><th>Per source institution left</th></tr></thead>
<tbody>${view.programmes.map(
        (programme) =>
          html`<tr data-programme="${programme.programme.id}"><td>${programme.programme.name} (${programme.programme.totalCredits})</td><td>${programme.recognised}</td><td>${programme.capsLeft.overall}</td>
<td>${Object.entries(programme.capsLeft.perSourceInstitution ?? {}).map(([issuer, left]) => html`<div><code>${issuer}</code>: ${left}</div>`)}</td></tr>`,
      )}</tbody>
</table>`
}
<h2>Deposits</h2>
<table>
<thead><tr><th>Achievement</th><th>Issuer</th><th>Credits</th><th>Grade</th><th>Completed</th><th>State</th></tr></thead>
<tbody>${view.deposits.map(
      (deposit) =>
        html`<tr data-deposit="${deposit.id}"><td>${deposit.achievement.name ?? ''} <code>${deposit.achievement.code ?? ''}</code></td><td><code>${deposit.issuer}</code></td>
<td>${credits(deposit.credits)}</td><td>${deposit.grade?.value ?? '—'}</td><td>${deposit.completedAt.slice(0, 10)}</td><td class="${deposit.state}">${deposit.state}</td></tr>`,
    )}</tbody>
</table>
<h2>Decisions</h2>
<table>
<thead><tr><th>Rule</th><th>Recognised as</th><th>Credits</th><th>Decision</th><th>Reason</th></tr></thead>
<tbody>${view.decisions
      .filter((decision) => decision.state !== 'withdrawn' || decision.events.some((event) => event.action === 'reversed'))
      .map(
        (decision) =>
          html`<tr data-decision="${decision.id}"><td><code>${decision.rule ?? '—'}</code></td><td>${decision.target?.name ?? '—'}</td><td>${decision.credits ?? '—'}</td>
<td class="${decision.state}">${decision.state}</td><td>${decision.reasonCode ? html`<code>${decision.reasonCode}</code> ` : ''}${decision.reason ?? ''}</td></tr>`,
      )}</tbody>
</table>`,
    STYLES,
  );
}
