import { statusListEntry } from '#schemas';
import { readStatusEntries } from './status-entries.js';

const LIST = 'https://university.example/v1/status-lists/5f0c';

describe('readStatusEntries', () => {
  it('reads the array the issuer writes, one entry per purpose', () => {
    expect(readStatusEntries([statusListEntry(LIST, 'revocation', 7), statusListEntry(LIST, 'suspension', 7)])).toEqual({
      checkable: [
        { purpose: 'revocation', index: 7, listUrl: LIST },
        { purpose: 'suspension', index: 7, listUrl: LIST },
      ],
      unsupported: [],
      malformed: [],
    });
  });

  it('reads a single entry, and an index written as a JSON number', () => {
    expect(readStatusEntries({ ...statusListEntry(LIST, 'revocation', 0), statusListIndex: 42 }).checkable).toEqual([
      { purpose: 'revocation', index: 42, listUrl: LIST },
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
    ['a purpose this verifier does not check', { ...statusListEntry(LIST, 'revocation', 1), statusPurpose: 'message' }],
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
  ])('reports an entry %s as malformed, and says which', (_, entry) => {
    const { checkable, malformed } = readStatusEntries([statusListEntry(LIST, 'revocation', 1), entry]);
    expect(checkable).toHaveLength(1);
    expect(malformed).toEqual([expect.stringMatching(/^entry 1: /)]);
  });
});
