import { isBitSet } from '#schemas';
import type { DidLinks } from '../../dids/did-links.js';
import { FETCH_LIMITS } from '../../fetching/fetch-limits.js';
import { type StatusEntry, readStatusEntries } from '../../status-lists/status-entries.js';
import type { StatusList } from '../../status-lists/status-list-credential.js';
import type { StatusListReader } from '../../status-lists/status-list-reader.js';
import { type CheckOutcome, failedToCheck, invalid, skipped, valid } from '../../pipeline/check.js';
import type { CredentialCheck, ParsedCredential } from '../parsed-credential.js';

/** Which entry's outcome the check reports: revoked before suspended before any other failure, then what was not checked. */
const PRECEDENCE: ((outcome: CheckOutcome) => boolean)[] = [
  (outcome) => outcome.reason?.code === 'CREDENTIAL_REVOKED',
  (outcome) => outcome.reason?.code === 'CREDENTIAL_SUSPENDED',
  (outcome) => outcome.status === 'invalid',
  (outcome) => outcome.status === 'error',
  (outcome) => outcome.status === 'skipped',
];

/**
 * The credential's W3C Bitstring Status List entries: each names a bit (revocation, suspension) or a
 * status of `statusSize` bits (`message`, its values named by the entry's `statusMessage`) in a list
 * its issuer signs and publishes, in any format a credential comes in. The lists are fetched only
 * once the credential's signature is verified, and it is `valid` only when every entry was checked
 * and found clear.
 */
export class StatusCheck implements CredentialCheck {
  readonly name = 'status';
  readonly dependsOn = ['signature'] as const;
  readonly unmet = {
    code: 'STATUS_NOT_FETCHED',
    message: "The credential's signature is not verified, so the status lists it names are not fetched.",
  } as const;

  constructor(
    private readonly lists: StatusListReader,
    private readonly links: DidLinks,
  ) {}

  /** A malformed entry, or no entry this verifier checks, is plain from the credential alone. */
  async beforeDependencies(credential: ParsedCredential): Promise<CheckOutcome | undefined> {
    const { checkable, unsupported, malformed } = readStatusEntries(credential.credential.credentialStatus);
    if (malformed.length > 0)
      return invalid('STATUS_ENTRY_MALFORMED', `The credential's credentialStatus is malformed: ${malformed.join('; ')}.`);
    if (checkable.length > 0) return undefined;
    return unsupported.length > 0
      ? unsupportedOutcome(unsupported[0])
      : skipped('STATUS_NOT_PROVIDED', 'The credential names no status list, so it cannot be revoked or suspended through one.');
  }

  async run(credential: ParsedCredential): Promise<CheckOutcome> {
    const { checkable, unsupported } = readStatusEntries(credential.credential.credentialStatus);
    // Each list is a fetch and a decode: a credential cannot make one verification read hundreds.
    const lists = new Set(checkable.map((entry) => entry.listUrl));
    if (lists.size > FETCH_LIMITS.statusListsPerCredential) {
      return failedToCheck(
        'STATUS_LISTS_TOO_MANY',
        `The credential names ${lists.size} status lists; this verifier reads at most ${FETCH_LIMITS.statusListsPerCredential} for one credential.`,
      );
    }
    const { issuer } = credential;
    const outcomes = await Promise.all(
      checkable.map(async (entry) => {
        const read = await this.lists.read(entry.listUrl);
        if ('outcome' in read) return read.outcome;
        return (await this.signerProblem(read.list.issuer, issuer, entry.listUrl)) ?? statusOf(entry, read.list);
      }),
    );
    return mostSevere([...outcomes, ...unsupported.map(unsupportedOutcome)]);
  }

  /**
   * A list must be signed by the credential's issuer: the same DID, or its other DID linked both ways
   * (an institution's did:web publishes the message list that its did:ethr's VCDM 2.0 credentials name).
   */
  private async signerProblem(signer: string, issuer: string, listUrl: string): Promise<CheckOutcome | undefined> {
    const same = await this.links.sameIssuer(signer, issuer);
    if (same === undefined) {
      return failedToCheck(
        'STATUS_LIST_ISSUER_UNAVAILABLE',
        `The status list ${listUrl} is signed by ${signer}; whether that is the credential's issuer ${issuer} could not be read right now.`,
      );
    }
    if (same) return undefined;
    return invalid(
      'STATUS_LIST_ISSUER_MISMATCH',
      `The status list ${listUrl} is signed by ${signer}, neither the credential's issuer ${issuer} nor a DID linked to it both ways, so it cannot revoke or clear it.`,
    );
  }
}

function unsupportedOutcome(problem: string): CheckOutcome {
  return skipped('STATUS_METHOD_UNSUPPORTED', `A status entry was not checked (${problem}).`);
}

function statusOf(entry: StatusEntry, list: StatusList): CheckOutcome {
  const { purpose, index, listUrl, size } = entry;
  if (!list.purposes.includes(purpose)) {
    return failedToCheck(
      'STATUS_LIST_MALFORMED',
      `The credential's ${purpose} entry points at ${listUrl}, which is a ${list.purposes.join(' and ')} list.`,
    );
  }
  const value = valueAt(list.bits, index, size);
  if (value === undefined) {
    const entries = Math.floor((list.bits.length * 8) / size);
    return failedToCheck('STATUS_INDEX_OUT_OF_RANGE', `Index ${index} is beyond the ${entries} entries of the status list ${listUrl}.`);
  }
  const where = `index ${index} of the ${purpose} list ${listUrl}`;
  if (purpose === 'message') return messageOutcome(entry.messages!.get(value)!, value, where);
  if (value === 0) return valid();
  return purpose === 'revocation' ? revoked(where) : suspended(where);
}

/** What a message status means, by the message the credential's entry gives its value. */
function messageOutcome(message: string, value: number, where: string): CheckOutcome {
  switch (message.toLowerCase()) {
    case 'valid':
      return valid();
    case 'revoked':
      return revoked(where);
    case 'suspended':
      return suspended(where);
    default:
      return skipped(
        'STATUS_METHOD_UNSUPPORTED',
        `The status at ${where} is 0x${value.toString(16)}, "${message}", which this verifier does not interpret as valid, suspended or revoked.`,
      );
  }
}

function revoked(where: string): CheckOutcome {
  return invalid('CREDENTIAL_REVOKED', `The issuer has revoked this credential (${where}).`);
}

function suspended(where: string): CheckOutcome {
  return invalid(
    'CREDENTIAL_SUSPENDED',
    `The issuer has suspended this credential (${where}). A suspension can be lifted; verify again later.`,
  );
}

/** The `size` bits of entry `index`, the first the most significant; undefined past the end of the list. */
function valueAt(bits: Uint8Array, index: number, size: number): number | undefined {
  if ((index + 1) * size > bits.length * 8) return undefined;
  let value = 0;
  for (let bit = index * size; bit < (index + 1) * size; bit += 1) value = (value << 1) | (isBitSet(bits, bit) ? 1 : 0);
  return value;
}

function mostSevere(outcomes: CheckOutcome[]): CheckOutcome {
  for (const applies of PRECEDENCE) {
    const found = outcomes.find(applies);
    if (found) return found;
  }
  return valid();
}
