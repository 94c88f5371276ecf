import type { SourceMatcher } from '#schemas';
import type { DepositFacts } from './recognition-input.js';

/**
 * A rule's source matcher on what identifies a deposit (issuer, achievement, code, kind, level,
 * field); minimums are checked after, so a deposit that matches but falls short gets that reason.
 */
export class CompiledMatcher {
  private readonly issuers?: Set<string>;
  private readonly achievementIds?: Set<string>;
  private readonly kinds?: Set<string>;
  private readonly eqfLevels?: Set<number>;
  private readonly code?: RegExp;

  constructor(readonly matcher: SourceMatcher) {
    this.issuers = matcher.issuers && new Set(matcher.issuers);
    this.achievementIds = matcher.achievementIds && new Set(matcher.achievementIds);
    this.kinds = matcher.kinds && new Set(matcher.kinds);
    this.eqfLevels = matcher.eqfLevels && new Set(matcher.eqfLevels);
    this.code = matcher.codePattern === undefined ? undefined : globToRegExp(matcher.codePattern);
  }

  matches(deposit: DepositFacts): boolean {
    const { matcher } = this;
    return (
      (!this.issuers || this.issuers.has(deposit.issuer)) &&
      (!this.achievementIds || (deposit.achievementId !== undefined && this.achievementIds.has(deposit.achievementId))) &&
      (!this.code || (deposit.achievementCode !== undefined && this.code.test(deposit.achievementCode))) &&
      (!this.kinds || this.kinds.has(deposit.kind)) &&
      (!this.eqfLevels || (deposit.eqfLevel !== undefined && this.eqfLevels.has(deposit.eqfLevel))) &&
      (!matcher.fields || (deposit.field !== undefined && matcher.fields.some((field) => deposit.field?.startsWith(field))))
    );
  }
}

/**
 * A code glob as a whole-string expression: `*` any run, `?` one character, everything else literal.
 * The schema keeps patterns short with at most three `*`, so matching stays cheap.
 */
export function globToRegExp(pattern: string): RegExp {
  const source = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'u');
}
