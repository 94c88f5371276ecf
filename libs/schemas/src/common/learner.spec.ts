import { learnerSubject, subjectNames } from './learner.js';

describe('learnerSubject', () => {
  const salt = '0f0e0d0c0b0a09080706050403020100';

  it('names a learner with a DID directly', () => {
    expect(learnerSubject({ did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' })).toEqual({
      id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    });
  });

  it('hashes an email as the Open Badges 3.0 IdentityHash example does, after normalising it', () => {
    // The specification's own example: sha256 of 'a@example.com' salted with 'Kosher'.
    expect(learnerSubject({ email: '  A@Example.COM ' }, 'Kosher')).toEqual({
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
          salt: 'Kosher',
        },
      ],
    });
  });

  it('hashes a student number as an sisSourcedId, deterministically for a given salt', () => {
    // sha256('S-2026-00042' + salt), computed outside this code (Python hashlib).
    const expected = 'sha256$ca4b143872b9920c964900684d023453da2333f90263757a836041866a51bfd9';
    expect(learnerSubject({ studentNumber: 'S-2026-00042' }, salt)).toEqual({
      identifier: [{ type: 'IdentityObject', identityType: 'sisSourcedId', hashed: true, identityHash: expected, salt }],
    });
    expect(learnerSubject({ studentNumber: 'S-2026-00042' }, salt)).toEqual(learnerSubject({ studentNumber: 'S-2026-00042' }, salt));
  });

  it('never carries the email or student number in clear, and salts with 16 random bytes by default', () => {
    const first = learnerSubject({ email: 'ada@example.org' });
    const second = learnerSubject({ email: 'ada@example.org' });
    expect(JSON.stringify(first)).not.toContain('ada@example.org');
    expect(JSON.stringify(learnerSubject({ studentNumber: 'S-42' }))).not.toContain('S-42');
    expect('identifier' in first && first.identifier[0].salt).toMatch(/^[0-9a-f]{32}$/);
    expect(first).not.toEqual(second);
  });
});

describe('subjectNames', () => {
  it('matches a DID, and a hashed email or student number with the salt of the credential', () => {
    expect(subjectNames(learnerSubject({ did: 'did:ethr:0x7a69:0x01' }), { did: 'did:ethr:0x7a69:0x01' })).toBe(true);
    expect(subjectNames(learnerSubject({ did: 'did:ethr:0x7a69:0x01' }), { did: 'did:ethr:0x7a69:0x02' })).toBe(false);
    const byEmail = learnerSubject({ email: 'Ada@Example.edu' });
    expect(subjectNames(byEmail, { email: ' ada@example.edu ' })).toBe(true);
    expect(subjectNames(byEmail, { email: 'eve@example.edu' })).toBe(false);
    const byNumber = learnerSubject({ studentNumber: 'S-1024' });
    expect(subjectNames(byNumber, { studentNumber: 'S-1024' })).toBe(true);
    // The same value as another kind of identifier does not match.
    expect(subjectNames(byNumber, { email: 'S-1024' })).toBe(false);
    expect(subjectNames({}, { email: 'ada@example.edu' })).toBe(false);
  });
});
