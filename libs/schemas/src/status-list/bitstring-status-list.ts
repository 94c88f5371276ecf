import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The W3C Bitstring Status List (Recommendation, 2025): a credential points at one bit of a list
 * that its issuer signs and publishes. Encoding (§3.2): GZIP of the bitstring, then multibase
 * base64url without padding (prefix `u`); bit 0 is the most significant bit of the first byte.
 * Written on node:zlib rather than a bitstring package because a verifier decodes lists from the
 * network and must cap what a small GZIP may expand to, which the packages we looked at cannot.
 */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

export const STATUS_LIST_ENTRY_TYPE = 'BitstringStatusListEntry';
export const STATUS_LIST_CREDENTIAL_TYPE = 'BitstringStatusListCredential';
export const STATUS_LIST_TYPE = 'BitstringStatusList';

/** The Recommendation's minimum list size (§6.1, herd privacy): 131,072 entries, 16 KiB. */
export const MIN_STATUS_LIST_ENTRIES = 131_072;

/** The largest decoded list a reader accepts: 16 MiB, 128 times the minimum. */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/** What a credential carries for one purpose (§2.1). The index is a string of digits, as the spec writes it. */
export interface StatusListEntry {
  id: string;
  type: typeof STATUS_LIST_ENTRY_TYPE;
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

export function statusListEntry(listUrl: string, purpose: StatusPurpose, index: number): StatusListEntry {
  return {
    id: `${listUrl}#${index}`,
    type: STATUS_LIST_ENTRY_TYPE,
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/**
 * A VCDM 2.0 credential names one `credentialStatus`, so our VCDM 2.0 credentials point at one entry
 * of a list with two bits per credential and `statusPurpose: "message"` (§2.1): the low bit is
 * suspension, the high bit revocation. The Recommendation wants a message for each of the 2^statusSize
 * values, so 0x3 (both bits) has one too: revoked, since revoking is final.
 */
export const MESSAGE_STATUS_SIZE = 2;
export const STATUS_MESSAGES = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'suspended' },
  { status: '0x2', message: 'revoked' },
  { status: '0x3', message: 'revoked' },
] as const;

/** The entry of a credential in a 2-bit message list (see STATUS_MESSAGES). */
export interface MessageStatusListEntry extends Omit<StatusListEntry, 'statusPurpose'> {
  statusPurpose: 'message';
  statusSize: typeof MESSAGE_STATUS_SIZE;
  statusMessage: typeof STATUS_MESSAGES;
}

export function messageStatusListEntry(listUrl: string, index: number): MessageStatusListEntry {
  const { id, type, statusListIndex, statusListCredential } = statusListEntry(listUrl, 'revocation', index);
  return {
    id,
    type,
    statusPurpose: 'message',
    statusListIndex,
    statusListCredential,
    statusSize: MESSAGE_STATUS_SIZE,
    statusMessage: STATUS_MESSAGES,
  };
}

/** The one `credentialStatus` of a VCDM 2.0 credential of ours: a message entry, or a plain revocation entry. */
export type CredentialStatusEntry = MessageStatusListEntry | (StatusListEntry & { statusPurpose: 'revocation' });

export function encodeStatusList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** The bitstring of an `encodedList`; throws on anything that is not one, or that expands past the cap. */
export function decodeStatusList(encoded: string, maxBytes = MAX_STATUS_LIST_BYTES): Uint8Array {
  if (!encoded.startsWith('u')) throw new Error('the encoded list is not multibase base64url (no "u" prefix)');
  return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: maxBytes }));
}

export function isBitSet(bits: Uint8Array, index: number): boolean {
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** Sets or clears one bit in place. */
export function setBit(bits: Uint8Array, index: number, on: boolean): void {
  if (on) bits[index >> 3] |= 0x80 >> (index & 7);
  else bits[index >> 3] &= ~(0x80 >> (index & 7));
}
