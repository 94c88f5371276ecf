import type { EquivalenceRule, RecognitionPolicy, SourceMatcher } from '#schemas';
import { academicPeriodOf, isOlderThan } from './academic-calendar.js';
import { type CapCharge, CapTracker } from './cap-tracker.js';
import { CreditConverter, fromHundredths, toHundredths } from './credit-conversion.js';
import { GradeBook } from './grades.js';
import {
  type DepositFacts,
  type Grade,
  PASS_GRADE,
  type ProposedDecision,
  type RecognitionInput,
  type RecognitionProposal,
  type Refusal,
  type RuleAttempt,
  type SourceUse,
} from './recognition-input.js';
import { CompiledMatcher } from './source-matcher.js';

type Failure = Omit<RuleAttempt, 'rule'>;

/**
 * Proposes what a policy recognises of a learner's deposits. Pure and deterministic: the same input
 * gives the same proposal, whatever order the deposits come in.
 *
 * 1. Deposits already consumed in the ledger are left out. The rest are taken in order of completion
 *    date, then id. A deposit that is not active, repeats an earlier one's digest, or completed more
 *    than `recencyYears` before `asOf` is refused before any rule. Deposits of the same achievement
 *    from the same issuer count once: the policy's duplicate policy says which one is kept (ties go to
 *    the earlier in the order above).
 * 2. Rules are tried in the order the policy lists them (the list is the policy's priority), each
 *    against the deposits still unconsumed, in the same order. A 1:1 or 1:n rule applies to each
 *    matching deposit in turn; an n:1 rule fills its source slots with distinct deposits (slots in
 *    rule order, each with the earliest deposit that leaves every slot filled) and applies again while
 *    its target is a bucket and a full set remains.
 * 3. A matching deposit is recognised when it meets the matcher's minimums, its credits and grade
 *    convert, its target (an achievement) is not recognised already, and the caps hold. Otherwise the
 *    rule's failure is noted, and the deposit stays free for later rules.
 * 4. A deposit nothing consumes is refused with the first failure noted, or NO_MATCHING_RULE.
 */
export function proposeRecognitions(input: RecognitionInput): RecognitionProposal {
  return new RecognitionRun(input).run();
}

class RecognitionRun {
  private readonly policy: RecognitionPolicy;
  private readonly grades: GradeBook;
  private readonly converter: CreditConverter;
  private readonly caps: CapTracker;
  private readonly attempts = new Map<string, RuleAttempt[]>();
  private readonly consumed = new Set<string>();
  private readonly recognisedTargets: Set<string>;
  private readonly decisions: ProposedDecision[] = [];

  constructor(private readonly input: RecognitionInput) {
    this.policy = input.policy;
    this.grades = new GradeBook(input.policy);
    this.converter = new CreditConverter(input.policy.unitConversions);
    this.caps = new CapTracker(input.policy, input.recognised);
    this.recognisedTargets = new Set(input.recognised.targets);
  }

  run(): RecognitionProposal {
    const ledgerConsumed = new Set(this.input.recognised.deposits);
    const ordered = this.input.deposits.filter((deposit) => !ledgerConsumed.has(deposit.id)).sort(byCompletionThenId);
    const eligible = this.withoutDuplicates(this.screen(ordered));
    for (const rule of this.policy.rules) {
      const matchers = rule.sources.map((source) => new CompiledMatcher(source));
      if (rule.cardinality === 'n:1') this.applySetRule(rule, matchers, eligible);
      else this.applySingleRule(rule, matchers[0], eligible);
    }
    const refusals: Refusal[] = ordered
      .filter((deposit) => !this.consumed.has(deposit.id))
      .map((deposit) => {
        const attempts = this.attempts.get(deposit.id) ?? [];
        const first = attempts[0] ?? { reason: 'NO_MATCHING_RULE', message: 'No rule of the policy matches this deposit.' };
        return { deposit: deposit.id, ...first, attempts };
      });
    return {
      decisions: this.decisions,
      refusals,
      recognised: {
        ...this.caps.totals(),
        targets: [...this.recognisedTargets].sort(),
        deposits: [...this.input.recognised.deposits, ...this.decisions.flatMap((decision) => decision.deposits)].filter(
          (id, i, all) => all.indexOf(id) === i,
        ),
      },
    };
  }

  /** Refuses what no rule may consider: inactive deposits, repeated digests, learning older than the recency limit. */
  private screen(ordered: DepositFacts[]): DepositFacts[] {
    const digests = new Set<string>();
    const { recencyYears } = this.policy;
    return ordered.filter((deposit) => {
      if (deposit.state !== 'active') return this.note(deposit, undefined, 'DEPOSIT_NOT_ACTIVE', `The deposit is ${deposit.state}.`);
      if (digests.has(deposit.digest)) return this.note(deposit, undefined, 'DUPLICATE', 'Another deposit holds the same credential.');
      digests.add(deposit.digest);
      if (recencyYears !== undefined && isOlderThan(deposit.completedAt, recencyYears, this.input.asOf))
        return this.note(deposit, undefined, 'CREDIT_EXPIRED', `Completed more than ${recencyYears} years before ${this.input.asOf}.`);
      return true;
    });
  }

  /** Keeps one deposit per (issuer, achievement) by the duplicate policy; the others are refused as DUPLICATE. */
  private withoutDuplicates(screened: DepositFacts[]): DepositFacts[] {
    const groups = new Map<string, DepositFacts[]>();
    for (const deposit of screened) {
      const achievement = deposit.achievementId ?? deposit.achievementCode;
      if (achievement === undefined) continue;
      const key = JSON.stringify([deposit.issuer, achievement]);
      groups.set(key, [...(groups.get(key) ?? []), deposit]);
    }
    const dropped = new Set<string>();
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const kept = this.keptOf(group);
      for (const deposit of group)
        if (deposit !== kept) {
          dropped.add(deposit.id);
          this.note(
            deposit,
            undefined,
            'DUPLICATE',
            `The same achievement counts once (${this.policy.duplicatePolicy}): ${kept.id} is kept.`,
          );
        }
    }
    return screened.filter((deposit) => !dropped.has(deposit.id));
  }

  /** The group is in completion order, so the first of equals is the earliest. */
  private keptOf(group: DepositFacts[]): DepositFacts {
    switch (this.policy.duplicatePolicy) {
      case 'keep-earliest':
        return group[0];
      case 'keep-latest':
        return group.reduce((kept, deposit) => (deposit.completedAt > kept.completedAt ? deposit : kept));
      case 'keep-best-grade': {
        const standing = (deposit: DepositFacts) => (deposit.grade && this.grades.standing(deposit.grade)) ?? -1;
        return group.reduce((kept, deposit) => (standing(deposit) > standing(kept) ? deposit : kept));
      }
    }
  }

  private applySingleRule(rule: EquivalenceRule, matcher: CompiledMatcher, eligible: DepositFacts[]): void {
    for (const deposit of eligible) {
      if (this.consumed.has(deposit.id) || !matcher.matches(deposit)) continue;
      const failure = this.targetTaken(rule) ?? this.qualification(deposit, matcher.matcher) ?? this.tryRecognise(rule, [deposit]);
      if (failure) this.note(deposit, rule.code, failure.reason, failure.message);
    }
  }

  private applySetRule(rule: EquivalenceRule, matchers: CompiledMatcher[], eligible: DepositFacts[]): void {
    const noted = new Set<string>();
    const noteOnce = (deposit: DepositFacts, failure: Failure) => {
      if (noted.has(deposit.id)) return;
      noted.add(deposit.id);
      this.note(deposit, rule.code, failure.reason, failure.message);
    };
    for (;;) {
      const free = eligible.filter((deposit) => !this.consumed.has(deposit.id));
      const matching = free.filter((deposit) => matchers.some((matcher) => matcher.matches(deposit)));
      const taken = this.targetTaken(rule);
      if (taken) return matching.forEach((deposit) => noteOnce(deposit, taken));
      const candidates = matchers.map((matcher) =>
        free.filter((deposit) => {
          if (!matcher.matches(deposit)) return false;
          const failure = this.qualification(deposit, matcher.matcher);
          if (failure) noteOnce(deposit, failure);
          return failure === undefined;
        }),
      );
      const set = fillSlots(candidates);
      if (!set) {
        const incomplete = {
          reason: 'INCOMPLETE_SET' as const,
          message: `The n:1 rule needs ${matchers.length} distinct qualifying sources and the deposits do not fill them.`,
        };
        return candidates.flat().forEach((deposit) => noteOnce(deposit, incomplete));
      }
      const failure = this.tryRecognise(rule, set);
      if (failure) return set.forEach((deposit) => noteOnce(deposit, failure));
    }
  }

  /** A target achievement is recognised once, whichever rule or earlier recognition got there first. */
  private targetTaken(rule: EquivalenceRule): Failure | undefined {
    const taken = rule.targets.find((target) => target.achievementId !== undefined && this.recognisedTargets.has(target.achievementId));
    return taken && { reason: 'DUPLICATE', message: `${taken.name} (${taken.achievementId}) is recognised already.` };
  }

  /** The matcher's minimums: credits (converted into the minimum's framework) and grade. */
  private qualification(deposit: DepositFacts, matcher: SourceMatcher): Failure | undefined {
    const { minimumCredits, minimumGrade } = matcher;
    if (minimumCredits) {
      if (!deposit.credits)
        return {
          reason: 'CREDITS_MISSING',
          message: `The rule asks for at least ${minimumCredits.value} credits and the deposit states none.`,
        };
      const credits = this.converter.hundredthsIn(deposit.credits, minimumCredits.framework);
      if (credits === undefined) return unconvertible(deposit.credits.framework, minimumCredits.framework);
      if (credits < toHundredths(minimumCredits.value))
        return {
          reason: 'CREDITS_BELOW_MINIMUM',
          message: `${fromHundredths(credits)} credits in ${minimumCredits.framework}, below the minimum of ${minimumCredits.value}.`,
        };
    }
    if (minimumGrade) {
      if (!deposit.grade)
        return this.policy.gradePolicy.missingGrade === 'pass'
          ? undefined
          : { reason: 'GRADE_MISSING', message: `The rule asks for at least ${minimumGrade.value} and the deposit states no grade.` };
      const meets = this.grades.meets(deposit.grade, minimumGrade);
      if (meets === undefined)
        return {
          reason: 'GRADE_NOT_COMPARABLE',
          message: `The grade ${deposit.grade.value} (${deposit.grade.scale}) cannot be compared with the minimum on ${minimumGrade.scale}.`,
        };
      if (!meets)
        return {
          reason: 'GRADE_BELOW_MINIMUM',
          message: `The grade ${deposit.grade.value} (${deposit.grade.scale}) is below the minimum ${minimumGrade.value} (${minimumGrade.scale}).`,
        };
    }
    return undefined;
  }

  /** Builds the rule's decisions for these sources and takes them if the caps hold. */
  private tryRecognise(rule: EquivalenceRule, deposits: DepositFacts[]): Failure | undefined {
    const framework = this.policy.creditFramework;
    const sources: SourceUse[] = deposits.map((deposit) => {
      const converted = deposit.credits && this.converter.hundredthsIn(deposit.credits, framework);
      return {
        deposit: deposit.id,
        digest: deposit.digest,
        issuer: deposit.issuer,
        ...(deposit.credits && { credits: deposit.credits }),
        ...(converted !== undefined && { convertedCredits: fromHundredths(converted) }),
        ...(deposit.grade && { grade: deposit.grade }),
      };
    });
    const award = this.awardedCredits(rule, deposits);
    if (typeof award === 'object') return award;
    const grade = this.recognisedGrade(rule, deposits);
    if (grade && 'reason' in grade) return grade;
    const latest = deposits.reduce((a, b) => (b.completedAt > a.completedAt ? b : a)).completedAt;
    const { term, year } = academicPeriodOf(latest, this.policy.calendar);
    const perTarget = rule.targets.map((target) => (rule.cardinality === '1:n' ? toHundredths(target.credits ?? 0) : award));
    const total = perTarget.reduce((sum, credits) => sum + credits, 0);
    const charge: CapCharge = { credits: total, term, year, bySource: this.attribution(deposits, total) };
    const exceeded = this.caps.exceeded(charge);
    if (exceeded) return exceeded;
    this.caps.charge(charge);
    for (const deposit of deposits) this.consumed.add(deposit.id);
    rule.targets.forEach((target, i) => {
      if (target.achievementId !== undefined) this.recognisedTargets.add(target.achievementId);
      this.decisions.push({
        rule: rule.code,
        cardinality: rule.cardinality,
        deposits: deposits.map((deposit) => deposit.id),
        sources,
        target,
        credits: fromHundredths(perTarget[i]),
        framework,
        bySource: Object.fromEntries(
          [...this.attribution(deposits, perTarget[i])].map(([issuer, credits]) => [issuer, fromHundredths(credits)]),
        ),
        ...(grade && { grade }),
        term,
        year,
      });
    });
    return undefined;
  }

  /** The credits the rule awards (1:1 and n:1), in hundredths of the policy's framework. 1:n targets carry their own. */
  private awardedCredits(rule: EquivalenceRule, deposits: DepositFacts[]): number | Failure {
    const award = rule.credits;
    if (award.mode === 'fixed') return toHundredths(award.credits);
    let sum = 0;
    for (const deposit of deposits) {
      if (!deposit.credits)
        return { reason: 'CREDITS_MISSING', message: `The rule awards the source's credits and ${deposit.id} states none.` };
      const converted = this.converter.hundredthsIn(deposit.credits, this.policy.creditFramework);
      if (converted === undefined) return unconvertible(deposit.credits.framework, this.policy.creditFramework);
      sum += converted;
    }
    return award.mode === 'ratio' ? Math.round(sum * award.ratio) : sum;
  }

  /**
   * The grade recorded: the source's own (keep), converted by the rule's table, or a pass. n:1 rules
   * combine their sources' grades by the policy's aggregation, weighted by converted credits; sources
   * without a grade take no part.
   */
  private recognisedGrade(rule: EquivalenceRule, deposits: DepositFacts[]): Grade | Failure | undefined {
    const conversion = rule.gradeConversion;
    if (conversion.mode === 'pass-only') return PASS_GRADE;
    const graded = deposits.filter((deposit) => deposit.grade !== undefined);
    const grades: { grade: Grade; weight: number }[] = [];
    for (const deposit of graded) {
      const original = deposit.grade as Grade;
      const grade = conversion.mode === 'table' ? this.grades.convert(original, conversion.table) : original;
      if (!grade)
        return {
          reason: 'GRADE_NOT_CONVERTIBLE',
          message: `The rule's grade table does not convert ${original.value} (${original.scale}).`,
        };
      const weight = deposit.credits ? (this.converter.hundredthsIn(deposit.credits, this.policy.creditFramework) ?? 0) : 0;
      grades.push({ grade, weight });
    }
    if (grades.length === 0) return undefined;
    if (grades.length === 1) return grades[0].grade;
    return (
      this.grades.aggregate(grades, this.policy.aggregation.grade) ?? {
        reason: 'GRADE_NOT_COMPARABLE',
        message: 'The sources’ grades are not on one scale the policy knows, so they cannot be combined.',
      }
    );
  }

  /**
   * Splits a charge between the sources' issuers in proportion to their converted credits (equally
   * when a source has none that convert); remainders of the rounding go to the first sources.
   */
  private attribution(deposits: DepositFacts[], total: number): Map<string, number> {
    const weights = deposits.map((deposit) =>
      deposit.credits ? (this.converter.hundredthsIn(deposit.credits, this.policy.creditFramework) ?? 0) : 0,
    );
    const usable = weights.every((weight) => weight > 0);
    const shares = usable ? weights : deposits.map(() => 1);
    const sum = shares.reduce((a, b) => a + b, 0);
    const parts = shares.map((share) => Math.floor((total * share) / sum));
    let remainder = total - parts.reduce((a, b) => a + b, 0);
    for (let i = 0; remainder > 0; i = (i + 1) % parts.length, remainder--) parts[i]++;
    const bySource = new Map<string, number>();
    deposits.forEach((deposit, i) => bySource.set(deposit.issuer, (bySource.get(deposit.issuer) ?? 0) + parts[i]));
    return bySource;
  }

  /** Notes a rule's failure on a deposit; returns false, so screens can refuse in one line. */
  private note(deposit: DepositFacts, rule: string | undefined, reason: RuleAttempt['reason'], message: string): false {
    this.attempts.set(deposit.id, [...(this.attempts.get(deposit.id) ?? []), { ...(rule !== undefined && { rule }), reason, message }]);
    return false;
  }
}

function byCompletionThenId(a: DepositFacts, b: DepositFacts): number {
  const at = Date.parse(a.completedAt) - Date.parse(b.completedAt);
  return at !== 0 ? at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function unconvertible(from: string, to: string): Failure {
  return { reason: 'UNIT_NOT_CONVERTIBLE', message: `The policy gives no factor from ${from} to ${to}.` };
}

/**
 * Gives each slot a distinct deposit (a bipartite matching, by augmenting paths): slots in order,
 * candidates in deposit order, so the set found is the same every time; undefined when none fills
 * every slot.
 */
export function fillSlots(candidates: DepositFacts[][]): DepositFacts[] | undefined {
  const slotOf = new Map<string, number>();
  const chosen: (DepositFacts | undefined)[] = candidates.map(() => undefined);
  const assign = (slot: number, visited: Set<string>): boolean => {
    for (const deposit of candidates[slot]) {
      if (visited.has(deposit.id)) continue;
      visited.add(deposit.id);
      const holder = slotOf.get(deposit.id);
      if (holder === undefined || assign(holder, visited)) {
        slotOf.set(deposit.id, slot);
        chosen[slot] = deposit;
        return true;
      }
    }
    return false;
  };
  for (let slot = 0; slot < candidates.length; slot++) if (!assign(slot, new Set())) return undefined;
  return chosen as DepositFacts[];
}
