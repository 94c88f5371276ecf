import { purposeOf, transitionOf } from './status-transition.js';

const active = { revoked: false, suspended: false };
const suspended = { revoked: false, suspended: true };
const revoked = { revoked: true, suspended: false };

describe('status transitions', () => {
  it('revokes an active or suspended credential by setting its revocation bit', () => {
    expect(transitionOf(active, 'revoked')).toEqual({ kind: 'change', purpose: 'revocation', on: true, next: revoked });
    expect(transitionOf(suspended, 'revoked')).toEqual({
      kind: 'change',
      purpose: 'revocation',
      on: true,
      next: { revoked: true, suspended: true },
    });
  });

  it('suspends and unsuspends through the suspension bit', () => {
    expect(transitionOf(active, 'suspended')).toEqual({ kind: 'change', purpose: 'suspension', on: true, next: suspended });
    expect(transitionOf(suspended, 'unsuspended')).toEqual({ kind: 'change', purpose: 'suspension', on: false, next: active });
  });

  it('changes nothing when asked for the status the credential already has', () => {
    expect(transitionOf(suspended, 'suspended')).toEqual({ kind: 'unchanged' });
    expect(transitionOf(active, 'unsuspended')).toEqual({ kind: 'unchanged' });
    expect(transitionOf(revoked, 'revoked')).toEqual({ kind: 'unchanged' });
  });

  it('refuses any change to a revoked credential: revoking is final', () => {
    expect(transitionOf(revoked, 'suspended')).toEqual({ kind: 'refused' });
    expect(transitionOf(revoked, 'unsuspended')).toEqual({ kind: 'refused' });
    expect(transitionOf({ revoked: true, suspended: true }, 'unsuspended')).toEqual({ kind: 'refused' });
  });
});

it('keeps a revocation in the revocation list and a suspension, either way, in the suspension list', () => {
  expect([purposeOf('revoked'), purposeOf('suspended'), purposeOf('unsuspended')]).toEqual(['revocation', 'suspension', 'suspension']);
});
