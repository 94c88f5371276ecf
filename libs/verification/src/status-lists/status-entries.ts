import { STATUS_LIST_ENTRY_TYPE, STATUS_PURPOSES, type StatusPurpose } from '#schemas';

/** One bit to look up: which list, at which index, and what a set bit means. */
export interface StatusEntry {
  purpose: StatusPurpose;
  index: number;
  listUrl: string;
}

/** A credential's `credentialStatus`, sorted into what this verifier checks, what it cannot, and what is broken. */
export interface StatusEntries {
  checkable: StatusEntry[];
  /** Descriptions of well-formed entries of a method or purpose this verifier does not check. */
  unsupported: string[];
  /** Descriptions of entries that break the data model. */
  malformed: string[];
}

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

function readEntry(value: unknown): { entry: StatusEntry } | { kind: 'unsupported' | 'malformed'; problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'malformed', problem: 'not an object' };
  const { type, statusPurpose, statusListIndex, statusListCredential } = value as Record<string, unknown>;
  if (typeof type !== 'string') return { kind: 'malformed', problem: 'no type' };
  if (type !== STATUS_LIST_ENTRY_TYPE)
    return { kind: 'unsupported', problem: `type ${JSON.stringify(type)} is not ${STATUS_LIST_ENTRY_TYPE}` };
  if (typeof statusPurpose !== 'string') return { kind: 'malformed', problem: 'no statusPurpose' };
  if (!isStatusPurpose(statusPurpose))
    return { kind: 'unsupported', problem: `statusPurpose ${JSON.stringify(statusPurpose)} is not ${STATUS_PURPOSES.join(' or ')}` };
  const index = indexOf(statusListIndex);
  if (index === undefined)
    return { kind: 'malformed', problem: `statusListIndex ${JSON.stringify(statusListIndex)} is not a non-negative integer` };
  if (typeof statusListCredential !== 'string' || !URL.canParse(statusListCredential)) {
    return { kind: 'malformed', problem: `statusListCredential ${JSON.stringify(statusListCredential)} is not a URL` };
  }
  return { entry: { purpose: statusPurpose, index, listUrl: statusListCredential } };
}

export function isStatusPurpose(value: unknown): value is StatusPurpose {
  return STATUS_PURPOSES.includes(value as StatusPurpose);
}

/** The Recommendation writes the index as a string of digits; a JSON number is accepted as well. */
function indexOf(value: unknown): number | undefined {
  const index = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? index : undefined;
}
