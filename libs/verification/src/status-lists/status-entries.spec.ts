import { messageStatusListEntry, STATUS_MESSAGES, statusListEntry } from '#schemas';
import { readStatusEntries } from './status-entries.js';

const LIST = 'https://university.example/v1/status-lists/5f0c';

describe('readStatusEntries', () => {
  it('reads the array the issuer writes, one entry per purpose', () => {
    expect(readStatusEntries([statusListEntry(LIST, 'revocation', 7), statusListEntry(LIST, 'suspension', 7)])).toEqual({
      checkable: [
        { purpose: 'revocation', index: 7, listUrl: LIST, size: 1 },
        { purpose: 'suspension', index: 7, listUrl: LIST, size: 1 },
      ],
      unsupported: [],
      malformed: [],
    });
  });

  it('reads a single entry, and an index written as a JSON number', () => {
    expect(readStatusEntries({ ...statusListEntry(LIST, 'revocation', 0), statusListIndex: 42 }).checkable).toEqual([
      { purpose: 'revocation', index: 42, listUrl: LIST, size: 1 },
    ]);
  });

  it('reads a 2-bit message entry with the message of each value', () => {
    expect(readStatusEntries(messageStatusListEntry(LIST, 9)).checkable).toEqual([
      {
        purpose: 'message',
        index: 9,
        listUrl: LIST,
        size: 2,
        messages: new Map([
          [0, 'valid'],
          [1, 'suspended'],
          [2, 'revoked'],
          [3, 'revoked'],
        ]),
      },
    ]);
  });

  it('finds nothing in an absent or empty credentialStatus', () => {
    expect(readStatusEntries(undefined)).toEqual({ checkable: [], unsupported: [], malformed: [] });
    expect(readStatusEntries([])).toEqual({ checkable: [], unsupported: [], malformed: [] });
  });

  it.each([
    [
      'another status method',
      { id: `${LIST}#1`, type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: '1', statusListCredential: LIST },
    ],
    ['a purpose this verifier does not check', { ...statusListEntry(LIST, 'revocation', 1), statusPurpose: 'refresh' }],
    ['a message entry that names no messages', { ...statusListEntry(LIST, 'revocation', 1), statusPurpose: 'message' }],
    ['a revocation entry of two bits', { ...statusListEntry(LIST, 'revocation', 1), statusSize: 2 }],
  ])('sets aside %s as unsupported', (_, entry) => {
    const { checkable, unsupported, malformed } = readStatusEntries([entry]);
    expect({ checkable, malformed }).toEqual({ checkable: [], malformed: [] });
    expect(unsupported).toHaveLength(1);
  });

  it.each([
    ['not an object', 'revoked'],
    ['without a type', { ...statusListEntry(LIST, 'revocation', 1), type: undefined }],
    ['without a purpose', { ...statusListEntry(LIST, 'revocation', 1), statusPurpose: undefined }],
    ['with a negative index', { ...statusListEntry(LIST, 'revocation', 1), statusListIndex: '-1' }],
    ['with a fractional index', { ...statusListEntry(LIST, 'revocation', 1), statusListIndex: 1.5 }],
    ['with an index that is not digits', { ...statusListEntry(LIST, 'revocation', 1), statusListIndex: '0x10' }],
    ['with an index beyond a safe integer', { ...statusListEntry(LIST, 'revocation', 1), statusListIndex: '9007199254740993' }],
    ['without a list URL', { ...statusListEntry(LIST, 'revocation', 1), statusListCredential: undefined }],
    ['with a list URL that is not one', { ...statusListEntry(LIST, 'revocation', 1), statusListCredential: 'status-lists/5f0c' }],
    ['with a statusSize that is no positive integer', { ...messageStatusListEntry(LIST, 1), statusSize: 0 }],
    ['of two bits without a statusMessage', { ...messageStatusListEntry(LIST, 1), statusMessage: undefined }],
    ['whose statusMessage misses a value', { ...messageStatusListEntry(LIST, 1), statusMessage: STATUS_MESSAGES.slice(0, 3) }],
    ['whose statusMessage is not a list of status and message', { ...messageStatusListEntry(LIST, 1), statusMessage: [{ status: 1 }] }],
  ])('reports an entry %s as malformed, and says which', (_, entry) => {
    const { checkable, malformed } = readStatusEntries([statusListEntry(LIST, 'revocation', 1), entry]);
    expect(checkable).toHaveLength(1);
    expect(malformed).toEqual([expect.stringMatching(/^entry 1: /)]);
  });
});
