import { isBitSet } from '#schemas';
import { FETCH_LIMITS } from '../../fetching/fetch-limits.js';
import { type StatusEntry, readStatusEntries } from '../../status-lists/status-entries.js';
import type { StatusListReader, StatusListRead } from '../../status-lists/status-list-reader.js';
import { type CheckContext, type CheckOutcome, type CredentialCheck, failedToCheck, invalid, type ParsedCredential, skipped, valid } from '../check.js';

const REVOKED = 'CREDENTIAL_REVOKED';
const SUSPENDED = 'CREDENTIAL_SUSPENDED';

/** Which entry's outcome the check reports: revoked before suspended before any other failure, then what was not checked. */
const PRECEDENCE: ((outcome: CheckOutcome) => boolean)[] = [
  (outcome) => outcome.reason?.code === REVOKED,
  (outcome) => outcome.reason?.code === SUSPENDED,
  (outcome) => outcome.status === 'invalid',
  (outcome) => outcome.status === 'error',
  (outcome) => outcome.status === 'skipped',
];

/**
 * The credential's W3C Bitstring Status List entries: each names a bit in a list its issuer signs
 * and publishes. The lists are fetched only once the credential's signature is verified, and it is
 * `valid` only when every entry was checked and found clear.
 */
export class StatusCheck implements CredentialCheck {
  readonly name = 'status';

  constructor(private readonly lists: StatusListReader) {}

  async run(credential: ParsedCredential, { earlier }: CheckContext): Promise<CheckOutcome> {
    const { checkable, unsupported, malformed } = readStatusEntries(credential.signed.credentialStatus);
    if (malformed.length > 0) return invalid('STATUS_ENTRY_MALFORMED', `The credential's credentialStatus is malformed: ${malformed.join('; ')}.`);
    const unchecked = unsupported.map((problem) => skipped('STATUS_METHOD_UNSUPPORTED', `A status entry was not checked (${problem}).`));
    if (checkable.length === 0) {
      return unchecked[0] ?? skipped('STATUS_NOT_PROVIDED', 'The credential names no status list, so it cannot be revoked or suspended through one.');
    }
    if (earlier.find((result) => result.check === 'signature')?.status !== 'valid') {
      return skipped('STATUS_NOT_FETCHED', 'The credential\'s signature is not verified, so the status lists it names are not fetched.');
    }
    // Each list is a fetch and a decode: a credential cannot make one verification read hundreds.
    const lists = new Set(checkable.map((entry) => entry.listUrl));
    if (lists.size > FETCH_LIMITS.statusListsPerCredential) {
      return failedToCheck('STATUS_LISTS_TOO_MANY', `The credential names ${lists.size} status lists; this verifier reads at most ${FETCH_LIMITS.statusListsPerCredential} for one credential.`);
    }
    const issuer = credential.payload.iss as string;
    const outcomes = await Promise.all(checkable.map(async (entry) => statusOf(entry, await this.lists.read(entry.listUrl), issuer)));
    return mostSevere([...outcomes, ...unchecked]);
  }
}

function statusOf(entry: StatusEntry, read: StatusListRead, issuer: string): CheckOutcome {
  if ('outcome' in read) return read.outcome;
  const { list } = read;
  const { purpose, index, listUrl } = entry;
  if (list.issuer !== issuer) {
    return invalid('STATUS_LIST_ISSUER_MISMATCH', `The status list ${listUrl} is signed by ${list.issuer}, not by the credential's issuer ${issuer}, so it cannot revoke or clear it.`);
  }
  if (!list.purposes.includes(purpose)) {
    return failedToCheck('STATUS_LIST_MALFORMED', `The credential's ${purpose} entry points at ${listUrl}, which is a ${list.purposes.join(' and ')} list.`);
  }
  const size = list.bits.length * 8;
  if (index >= size) return failedToCheck('STATUS_INDEX_OUT_OF_RANGE', `Index ${index} is beyond the ${size} entries of the status list ${listUrl}.`);
  if (!isBitSet(list.bits, index)) return valid();
  if (purpose === 'revocation') return invalid(REVOKED, `The issuer has revoked this credential: index ${index} is set in the revocation list ${listUrl}.`);
  return invalid(SUSPENDED, `The issuer has suspended this credential: index ${index} is set in the suspension list ${listUrl}. A suspension can be lifted; verify again later.`);
}

function mostSevere(outcomes: CheckOutcome[]): CheckOutcome {
  for (const applies of PRECEDENCE) {
    const found = outcomes.find(applies);
    if (found) return found;
  }
  return valid();
}
