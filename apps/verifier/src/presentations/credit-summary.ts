import { type CreditUnit, earnedCredits, type JsonObject, listOf, objectOf } from '#schemas';
import type { PresentationVerification, PresentedCredentialReport, Verdict } from '#verification';

/** One credential of a presentation as the summary sees it: what verification concluded, and what it says. */
export interface PresentedCredential {
  index: number;
  verdict: Verdict;
  /** The holder is its subject (or matches the hashed identifier the school was told). */
  holderIsSubject: boolean;
  /** The signed credential, when it could be decoded. */
  signed?: JsonObject;
  issuer?: { id: string; name?: string };
  /** No trusted registry lists its issuer (which alone leaves it indeterminate). */
  issuerUnknown?: boolean;
  /** Why it is not what the school asked for (another issuer or kind than a request named), if it is not. */
  outsideRequest?: string;
}

/**
 * The credentials of one verified presentation as the summary sees them, numbered from `firstIndex`
 * (a wallet may answer with several presentations), each held to what the school asked for, if it asked.
 */
export function presentedCredentialsOf(
  { report, signed }: Pick<PresentationVerification, 'report' | 'signed'>,
  firstIndex = 0,
  outsideRequest: (credential: PresentedCredentialReport, signed?: JsonObject) => string | undefined = () => undefined,
): PresentedCredential[] {
  return report.credentials.map((credential) => {
    const outside = outsideRequest(credential, signed[credential.index]);
    return {
      index: firstIndex + credential.index,
      verdict: credential.verdict,
      holderIsSubject: credential.holder.status === 'valid',
      issuerUnknown: credential.warnings.some((warning) => warning.reason?.code === 'ISSUER_UNKNOWN'),
      signed: signed[credential.index],
      ...(outside ? { outsideRequest: outside } : {}),
      ...(credential.issuer
        ? { issuer: { id: credential.issuer.id, ...(credential.issuer.name ? { name: credential.issuer.name } : {}) } }
        : {}),
    };
  });
}

interface Total {
  unit: CreditUnit;
  credits: number;
}

export interface CreditSummary {
  byUnit: Total[];
  /** Levels as the credentials align them (an EQF level), else `unspecified`; never summed across units. */
  byLevel: (Total & { level: string })[];
  byInstitution: (Total & { issuer: string; name?: string })[];
  notCounted: { index: number; id?: string; reason: string }[];
}

/**
 * The credits a receiving school can count from one presentation: only credit credentials that
 * verified and belong to the presenting student count; every other credential is listed with why.
 * Credits of different units are kept apart: ECTS and credit hours do not add up.
 */
export function creditSummary(credentials: PresentedCredential[]): CreditSummary {
  const summary: CreditSummary = { byUnit: [], byLevel: [], byInstitution: [], notCounted: [] };
  const countedAlready = new Set<string>();
  for (const presented of credentials) {
    const counted = creditOf(presented, countedAlready);
    if ('reason' in counted) {
      summary.notCounted.push({
        index: presented.index,
        ...(typeof presented.signed?.id === 'string' ? { id: presented.signed.id } : {}),
        reason: counted.reason,
      });
      continue;
    }
    const { unit, credits, level } = counted;
    add(summary.byUnit, { unit }, credits);
    add(summary.byLevel, { unit, level }, credits);
    add(
      summary.byInstitution,
      { unit, issuer: presented.issuer!.id, ...(presented.issuer!.name ? { name: presented.issuer!.name } : {}) },
      credits,
    );
  }
  return summary;
}

function creditOf(
  { verdict, holderIsSubject, signed, issuerUnknown, outsideRequest }: PresentedCredential,
  countedAlready: Set<string>,
): { unit: CreditUnit; credits: number; level: string } | { reason: string } {
  if (verdict === 'failed') return { reason: 'It failed verification.' };
  if (verdict === 'indeterminate' && issuerUnknown) return { reason: 'Its issuer is not an institution this verifier trusts.' };
  if (verdict === 'indeterminate') return { reason: 'It could not be fully verified (a status list or the chain did not answer).' };
  if (!holderIsSubject) return { reason: "It is not the presenting student's." };
  if (outsideRequest) return { reason: outsideRequest };
  const credits = signed && earnedCredits(signed);
  if (!credits) return { reason: 'It is not a credit credential (it earns no credits).' };
  const { amount, framework, unit } = credits;
  if (!unit) return { reason: `Its credit unit (${framework ?? 'none'}) is not one this verifier counts.` };
  // A wallet may send one credential twice (in one presentation or in two): its credits count once.
  const sameness = typeof signed.id === 'string' ? signed.id : JSON.stringify(signed);
  if (countedAlready.has(sameness)) return { reason: 'It was presented already: the same credential counts once.' };
  countedAlready.add(sameness);
  const alignments = listOf(objectOf(objectOf(signed.credentialSubject).achievement).alignment).map(objectOf);
  const level = alignments.find((alignment) => alignment.targetType === 'ext:EQFLevel')?.targetName;
  return { unit, credits: amount, level: typeof level === 'string' ? level : 'unspecified' };
}

/** Adds credits to the total with the same key, or starts one. */
function add<T extends Total>(totals: T[], key: Omit<T, 'credits'>, credits: number): void {
  const same = totals.find((total) => Object.entries(key).every(([name, value]) => (total as Record<string, unknown>)[name] === value));
  if (same) same.credits += credits;
  else totals.push({ ...key, credits } as T);
}
