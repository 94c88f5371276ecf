import type { EquivalenceRule, RecognitionPolicy, SourceMatcher } from '#schemas';
import { type Html, html, page } from '#service-kit';
import type { PolicyVersionView } from './policies.service.js';

const STYLES = [
  '.published { border-left: 4px solid #1a7f37; background: #e9f6ec; padding: .5rem 1rem; }',
  'td { overflow-wrap: anywhere; } td.rule code { white-space: nowrap; }',
];

/** The public page of a published policy version: what a learner, a registrar or a journalist reads. */
export function policyPage(view: PolicyVersionView): string {
  const { policy } = view;
  const title = `${policy.programme.name}: recognition policy, version ${view.version}`;
  return page(
    title,
    html`<h1 id="title">${title}</h1>
<p class="published" id="publication">Published ${view.publishedAt ?? ''} by ${view.receivingInstitution.name} after ${view.approvals.length} members of
${view.alliance.name} approved it (${view.alliance.requiredApprovals} required).
${view.anchorReceipt ? html`Anchored in block ${view.anchorReceipt.blockNumber} of chain ${view.anchorReceipt.chainId}.` : 'Not anchored yet.'}</p>
<dl>
  <dt>Receiving institution</dt><dd>${view.receivingInstitution.name} (<code>${view.receivingInstitution.didWeb}</code>)</dd>
  <dt>Programme</dt><dd>${policy.programme.name} (<code>${policy.programme.id}</code>), ${policy.programme.totalCredits} credits</dd>
  <dt>Credit framework</dt><dd><code>${policy.creditFramework}</code></dd>
  <dt>Text</dt><dd><a href="${view.documentUrl}">JSON</a>, digest <code>${view.digest}</code></dd>
</dl>
<h2>Limits</h2>
${limits(policy)}
<h2>Equivalence rules</h2>
<table>
<thead><tr><th>Rule</th><th>Sources</th><th>Recognised as</th><th>Credits</th><th>Grade</th></tr></thead>
<tbody>${policy.rules.map(ruleRow)}</tbody>
</table>
${policy.unitConversions.length > 0 ? html`<h2>Credit conversions</h2><ul>${policy.unitConversions.map((c) => html`<li>1 <code>${c.from}</code> = ${c.factor} <code>${c.to}</code></li>`)}</ul>` : ''}
<h2>Approvals</h2>
<table>
<thead><tr><th>Member</th><th>Approver DID</th><th>Approved</th></tr></thead>
<tbody>${view.approvals.map((a) => html`<tr data-approval><td>${a.name}</td><td><code>${a.approverDid}</code></td><td>${a.approvedAt}</td></tr>`)}</tbody>
</table>`,
    STYLES,
  );
}

function limits(policy: RecognitionPolicy): Html {
  const { caps } = policy;
  const items: [string, unknown][] = [
    ['At most in total', caps.total],
    ['At most this share of the programme', caps.shareOfProgramme === undefined ? undefined : `${caps.shareOfProgramme * 100} %`],
    ['At most per term', caps.perTerm],
    ['At most per year', caps.perYear],
    ['At most from one institution', caps.perSourceInstitution],
    ['Earned here at least', policy.residencyMinimum],
    ['Learning no older than', policy.recencyYears === undefined ? undefined : `${policy.recencyYears} years`],
    ['The same achievement twice', policy.duplicatePolicy],
    ['Several sources for one course: grade', policy.aggregation.grade],
  ];
  return html`<dl>${items.filter(([, value]) => value !== undefined).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function ruleRow(rule: EquivalenceRule): Html {
  const credits =
    rule.credits.mode === 'fixed'
      ? String(rule.credits.credits)
      : rule.credits.mode === 'ratio'
        ? `source × ${rule.credits.ratio}`
        : 'as the source';
  const grade = rule.gradeConversion.mode === 'table' ? `by table ${rule.gradeConversion.table}` : rule.gradeConversion.mode;
  return html`<tr data-rule="${rule.code}"><td class="rule"><code>${rule.code}</code> (${rule.cardinality})</td><td>${rule.sources.map((source) => html`<div>${matcher(source)}</div>`)}</td>
<td>${rule.targets.map((target) => html`<div>${target.name}${target.credits === undefined ? '' : ` (${target.credits})`}</div>`)}</td><td>${credits}</td><td>${grade}</td></tr>`;
}

function matcher(source: SourceMatcher): string {
  const parts = [
    source.issuers && `from ${source.issuers.join(' or ')}`,
    source.achievementIds && `achievement ${source.achievementIds.join(' or ')}`,
    source.codePattern && `code ${source.codePattern}`,
    source.kinds && `kind ${source.kinds.join(' or ')}`,
    source.eqfLevels && `EQF level ${source.eqfLevels.join(' or ')}`,
    source.fields && `field ${source.fields.join(' or ')}`,
    source.minimumCredits && `at least ${source.minimumCredits.value} credits`,
    source.minimumGrade && `grade at least ${source.minimumGrade.value} (${source.minimumGrade.scale})`,
  ];
  return parts.filter(Boolean).join(', ') || 'any source';
}
