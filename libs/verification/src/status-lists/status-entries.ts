import { STATUS_LIST_ENTRY_TYPE, STATUS_PURPOSES } from '#schemas';

/**
 * The purposes read here: a bit that revokes or suspends, or a `message` status of `statusSize`
 * bits whose values the entry's `statusMessage` names (our VCDM 2.0 credentials use two bits: 0x0
 * valid, 0x1 suspended, 0x2 and 0x3 revoked).
 */
export const READ_PURPOSES = [...STATUS_PURPOSES, 'message'] as const;
export type ReadPurpose = (typeof READ_PURPOSES)[number];

/** The widest `statusSize` read: a status of up to 8 bits. */
const MAX_STATUS_SIZE = 8;

/** One status to look up: which list, at which index, of how many bits, and what each value means. */
export interface StatusEntry {
  purpose: ReadPurpose;
  index: number;
  listUrl: string;
  /** Bits per credential in the list: 1 for revocation and suspension. */
  size: number;
  /** For a message entry, the message of each value (the entry's `statusMessage`). */
  messages?: Map<number, string>;
}

/** A credential's `credentialStatus`, sorted into what this verifier checks, what it cannot, and what is broken. */
export interface StatusEntries {
  checkable: StatusEntry[];
  /** Descriptions of well-formed entries of a method or purpose this verifier does not check. */
  unsupported: string[];
  /** Descriptions of entries that break the data model. */
  malformed: string[];
}

type EntryRead = { entry: StatusEntry } | { kind: 'unsupported' | 'malformed'; problem: string };

/** Reads `credentialStatus`, a single entry or an array of them as VCDM allows. */
export function readStatusEntries(credentialStatus: unknown): StatusEntries {
  const entries: StatusEntries = { checkable: [], unsupported: [], malformed: [] };
  ([] as unknown[]).concat(credentialStatus ?? []).forEach((entry, position) => {
    const read = readEntry(entry);
    if ('entry' in read) entries.checkable.push(read.entry);
    else entries[read.kind].push(`entry ${position}: ${read.problem}`);
  });
  return entries;
}

function readEntry(value: unknown): EntryRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'malformed', problem: 'not an object' };
  const { type, statusPurpose, statusListIndex, statusListCredential, statusSize } = value as Record<string, unknown>;
  if (typeof type !== 'string') return { kind: 'malformed', problem: 'no type' };
  if (type !== STATUS_LIST_ENTRY_TYPE)
    return { kind: 'unsupported', problem: `type ${JSON.stringify(type)} is not ${STATUS_LIST_ENTRY_TYPE}` };
  if (typeof statusPurpose !== 'string') return { kind: 'malformed', problem: 'no statusPurpose' };
  if (!isReadPurpose(statusPurpose))
    return { kind: 'unsupported', problem: `statusPurpose ${JSON.stringify(statusPurpose)} is not ${READ_PURPOSES.join(', ')}` };
  const index = indexOf(statusListIndex);
  if (index === undefined)
    return { kind: 'malformed', problem: `statusListIndex ${JSON.stringify(statusListIndex)} is not a non-negative integer` };
  if (typeof statusListCredential !== 'string' || !URL.canParse(statusListCredential)) {
    return { kind: 'malformed', problem: `statusListCredential ${JSON.stringify(statusListCredential)} is not a URL` };
  }
  const size = statusSize ?? 1;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    return { kind: 'malformed', problem: `statusSize ${JSON.stringify(statusSize)} is not a positive integer` };
  const entry = { purpose: statusPurpose, index, listUrl: statusListCredential, size };
  if (statusPurpose !== 'message') {
    return size === 1 ? { entry } : { kind: 'unsupported', problem: `a ${statusPurpose} entry of ${size} bits` };
  }
  if (size > MAX_STATUS_SIZE) return { kind: 'unsupported', problem: `a status of ${size} bits (at most ${MAX_STATUS_SIZE} are read)` };
  const { statusMessage } = value as Record<string, unknown>;
  // The Recommendation requires statusMessage only past one bit; without it a 1-bit message says nothing readable.
  if (statusMessage === undefined)
    return size === 1
      ? { kind: 'unsupported', problem: 'a message entry that names no statusMessage' }
      : { kind: 'malformed', problem: `a message entry of ${size} bits without a statusMessage` };
  const messages = messagesOf(statusMessage, size);
  return typeof messages === 'string' ? { kind: 'malformed', problem: messages } : { entry: { ...entry, messages } };
}

/**
 * The message of each of the 2^size values, as `statusMessage` names them (`{status: "0x…", message}`);
 * the Recommendation asks for one per value. A string says what is wrong.
 */
function messagesOf(statusMessage: unknown, size: number): Map<number, string> | string {
  if (!Array.isArray(statusMessage)) return 'statusMessage is not a list';
  const messages = new Map<number, string>();
  for (const item of statusMessage) {
    const { status, message } = (item ?? {}) as Record<string, unknown>;
    if (typeof status !== 'string' || !/^0x[0-9a-fA-F]+$/.test(status) || typeof message !== 'string')
      return `statusMessage entry ${JSON.stringify(item)} is not {status: "0x…", message}`;
    messages.set(Number.parseInt(status.slice(2), 16), message);
  }
  const missing = Array.from({ length: 2 ** size }, (_, value) => value).filter((value) => !messages.has(value));
  return missing.length === 0 ? messages : `statusMessage names no message for ${missing.map((v) => `0x${v.toString(16)}`).join(', ')}`;
}

export function isReadPurpose(value: unknown): value is ReadPurpose {
  return READ_PURPOSES.includes(value as ReadPurpose);
}

/** The Recommendation writes the index as a string of digits; a JSON number is accepted as well. */
function indexOf(value: unknown): number | undefined {
  const index = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? index : undefined;
}
