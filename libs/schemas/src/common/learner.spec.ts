import { learnerSubject } from './learner.js';

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
