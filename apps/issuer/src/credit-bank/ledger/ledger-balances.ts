import { fromHundredths, toHundredths } from '../rules/credit-conversion.js';
import type { RecognisedTotals } from '../rules/recognition-input.js';
import type { LedgerEntry } from './ledger-entries.repository.js';

/** Credits in one framework. */
export interface CreditBalance {
  framework: string;
  credits: number;
}

/** What a programme has recognised, by bucket (or `course` for a named target achievement) and framework. */
export interface ProgrammeBalance {
  programmeId: string;
  buckets: { bucket: string; framework: string; credits: number }[];
  total: CreditBalance[];
}

export interface AccountBalances {
  /** Credits of deposits standing (deposited and not revoked at source), by framework. */
  deposited: CreditBalance[];
  programmes: ProgrammeBalance[];
}

/** Recognitions the ledger holds and no reverse entry took back. */
function standingRecognitions(entries: LedgerEntry[], programmeId?: string): LedgerEntry[] {
  const reversed = new Set(entries.filter((entry) => entry.kind === 'reverse').map((entry) => entry.decisionId));
  return entries.filter(
    (entry) =>
      entry.kind === 'recognise' && !reversed.has(entry.decisionId) && (programmeId === undefined || entry.programmeId === programmeId),
  );
}

/** Adds up in hundredths, as the rule engine counts, so balances compare exactly with its caps. */
function sumInto(totals: Map<string, number>, key: string, credits: number): void {
  totals.set(key, (totals.get(key) ?? 0) + toHundredths(credits));
}

const sorted = <T>(items: T[], keyOf: (item: T) => string): T[] =>
  [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

/** An account's balances, computed from its ledger alone. */
export function accountBalances(entries: LedgerEntry[]): AccountBalances {
  const deposited = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.creditFramework) continue;
    if (entry.kind === 'deposit') sumInto(deposited, entry.creditFramework, entry.credits);
    if (entry.kind === 'revoke-at-source') sumInto(deposited, entry.creditFramework, -entry.credits);
  }
  const programmes = new Map<string, Map<string, number>>();
  for (const entry of standingRecognitions(entries)) {
    const buckets = programmes.get(entry.programmeId!) ?? new Map<string, number>();
    programmes.set(entry.programmeId!, buckets);
    sumInto(buckets, JSON.stringify([entry.bucket ?? 'course', entry.creditFramework ?? '']), entry.credits);
  }
  return {
    deposited: sorted(
      [...deposited].map(([framework, credits]) => ({ framework, credits: fromHundredths(credits) })),
      (balance) => balance.framework,
    ),
    programmes: sorted(
      [...programmes].map(([programmeId, buckets]) => {
        const rows = [...buckets].map(([key, credits]) => {
          const [bucket, framework] = JSON.parse(key) as [string, string];
          return { bucket, framework, credits: fromHundredths(credits) };
        });
        const total = new Map<string, number>();
        for (const row of rows) sumInto(total, row.framework, row.credits);
        return {
          programmeId,
          buckets: sorted(rows, (row) => `${row.bucket} ${row.framework}`),
          total: [...total].map(([framework, credits]) => ({ framework, credits: fromHundredths(credits) })),
        };
      }),
      (programme) => programme.programmeId,
    ),
  };
}

/** What the programme has recognised, as the rule engine takes it: caps are checked against it. */
export function recognisedTotals(entries: LedgerEntry[], programmeId: string): RecognisedTotals {
  const byTerm = new Map<string, number>();
  const byYear = new Map<string, number>();
  const bySource = new Map<string, number>();
  let total = 0;
  const targets = new Set<string>();
  const deposits = new Set<string>();
  for (const entry of standingRecognitions(entries, programmeId)) {
    total += toHundredths(entry.credits);
    if (entry.term) sumInto(byTerm, entry.term, entry.credits);
    if (entry.year) sumInto(byYear, entry.year, entry.credits);
    for (const [issuer, credits] of Object.entries(entry.bySource ?? {})) sumInto(bySource, issuer, credits);
    if (entry.targetAchievementId) targets.add(entry.targetAchievementId);
    for (const deposit of entry.depositIds ?? []) deposits.add(deposit);
  }
  const numbersOf = (map: Map<string, number>) =>
    Object.fromEntries(sorted([...map], ([key]) => key).map(([key, credits]) => [key, fromHundredths(credits)]));
  return {
    total: fromHundredths(total),
    byTerm: numbersOf(byTerm),
    byYear: numbersOf(byYear),
    bySource: numbersOf(bySource),
    targets: [...targets].sort(),
    deposits: [...deposits].sort(),
  };
}
