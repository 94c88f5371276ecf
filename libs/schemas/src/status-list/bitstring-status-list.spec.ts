import { gzipSync } from 'node:zlib';
import {
  decodeStatusList,
  encodeStatusList,
  isBitSet,
  messageStatusListEntry,
  MIN_STATUS_LIST_ENTRIES,
  setBit,
  statusListEntry,
} from './bitstring-status-list.js';

describe('Bitstring Status List encoding', () => {
  it('puts index 0 in the most significant bit of the first byte, as the Recommendation does', () => {
    const bits = new Uint8Array(MIN_STATUS_LIST_ENTRIES / 8);
    setBit(bits, 0, true);
    setBit(bits, 9, true);
    expect([bits[0], bits[1]]).toEqual([0b1000_0000, 0b0100_0000]);
    setBit(bits, 0, false);
    expect(bits[0]).toBe(0);
  });

  it('round-trips through GZIP and multibase base64url', () => {
    const bits = new Uint8Array(MIN_STATUS_LIST_ENTRIES / 8);
    for (const index of [0, 7, 8, 4211, MIN_STATUS_LIST_ENTRIES - 1]) setBit(bits, index, true);
    const encoded = encodeStatusList(bits);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const decoded = decodeStatusList(encoded);
    expect(decoded).toEqual(bits);
    expect([0, 7, 8, 4211, MIN_STATUS_LIST_ENTRIES - 1].every((index) => isBitSet(decoded, index))).toBe(true);
    expect(isBitSet(decoded, 1)).toBe(false);
  });

  it('refuses a list without the multibase prefix', () => {
    expect(() => decodeStatusList(gzipSync(new Uint8Array(8)).toString('base64url'))).toThrow(/multibase/);
  });

  it('refuses a small GZIP that expands past the cap', () => {
    const bomb = `u${gzipSync(new Uint8Array(4 * 1024 * 1024)).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => decodeStatusList(bomb, 1024 * 1024)).toThrow();
  });

  it('names the list, the purpose and the index of an entry', () => {
    expect(statusListEntry('https://issuer.example/v1/status-lists/abc', 'suspension', 42)).toEqual({
      id: 'https://issuer.example/v1/status-lists/abc#42',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'suspension',
      statusListIndex: '42',
      statusListCredential: 'https://issuer.example/v1/status-lists/abc',
    });
  });

  it('names a 2-bit message entry with a message for each of its four values, as the Recommendation requires', () => {
    expect(messageStatusListEntry('https://issuer.example/v1/status-lists/abc', 42)).toEqual({
      id: 'https://issuer.example/v1/status-lists/abc#42',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusListIndex: '42',
      statusListCredential: 'https://issuer.example/v1/status-lists/abc',
      statusSize: 2,
      statusMessage: [
        { status: '0x0', message: 'valid' },
        { status: '0x1', message: 'suspended' },
        { status: '0x2', message: 'revoked' },
        { status: '0x3', message: 'revoked' },
      ],
    });
  });
});
