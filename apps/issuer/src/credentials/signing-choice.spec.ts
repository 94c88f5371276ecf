import { signingDecisionOf } from './signing-choice.js';

describe('signingDecisionOf', () => {
  it('is current Open Badges 3.0 by default: VCDM 2.0, ldp_vc eddsa-rdfc-2022 from the did:web', () => {
    expect(signingDecisionOf({})).toEqual({
      choice: { format: 'ldp_vc', identity: 'web', cryptosuite: 'eddsa-rdfc-2022' },
      dataModel: '2.0',
    });
    expect(signingDecisionOf({ dataModel: '2.0' })).toEqual(signingDecisionOf({}));
    expect(signingDecisionOf({ identity: 'web' })).toEqual(signingDecisionOf({}));
  });

  it('signs with the DID a request names, in its natural format', () => {
    expect(signingDecisionOf({ identity: 'ethr' })).toEqual({ choice: { format: 'vc-jwt', identity: 'ethr' }, dataModel: '1.1' });
    expect(signingDecisionOf({ identity: 'ethr', dataModel: '1.1' })).toEqual(signingDecisionOf({ identity: 'ethr' }));
    expect(signingDecisionOf({ identity: 'ethr', dataModel: '2.0' })).toEqual({
      choice: { format: 'vc+jwt', identity: 'ethr' },
      dataModel: '2.0',
    });
    expect(signingDecisionOf({ dataModel: '1.1' })).toEqual({ choice: { format: 'vc-jwt', identity: 'ethr' }, dataModel: '1.1' });
  });

  it('takes the format and cryptosuite asked for', () => {
    expect(signingDecisionOf({ format: 'vc+jwt' })).toEqual({ choice: { format: 'vc+jwt', identity: 'web' }, dataModel: '2.0' });
    expect(signingDecisionOf({ format: 'vc+jwt', identity: 'ethr' })).toEqual({
      choice: { format: 'vc+jwt', identity: 'ethr' },
      dataModel: '2.0',
    });
    expect(signingDecisionOf({ cryptosuite: 'ecdsa-rdfc-2019' })).toEqual({
      choice: { format: 'ldp_vc', identity: 'web', cryptosuite: 'ecdsa-rdfc-2019' },
      dataModel: '2.0',
    });
    expect(signingDecisionOf({ format: 'vc-jwt' })).toEqual({ choice: { format: 'vc-jwt', identity: 'ethr' }, dataModel: '1.1' });
  });

  it.each([
    [{ format: 'ldp_vc', identity: 'ethr' }, 'did:ethr signs vc-jwt and vc+jwt'],
    [{ format: 'vc-jwt', identity: 'web' }, 'signed by the did:ethr alone'],
    [{ format: 'vc-jwt', dataModel: '2.0' }, 'carries a VCDM 1.1 credential'],
    [{ format: 'vc+jwt', dataModel: '1.1' }, 'carries a VCDM 2.0 credential'],
    [{ format: 'ldp_vc', dataModel: '1.1' }, 'for VCDM 2.0 credentials'],
    [{ identity: 'web', dataModel: '1.1' }, 'signed by the did:ethr alone'],
    [{ format: 'vc+jwt', cryptosuite: 'eddsa-rdfc-2022' }, 'a vc+jwt credential has none'],
    [{ identity: 'ethr', cryptosuite: 'ecdsa-rdfc-2019' }, 'a vc-jwt credential has none'],
  ] as const)('refuses %j: what cannot be made', (request, why) => {
    expect(signingDecisionOf(request)).toEqual({ refused: expect.stringContaining(why) });
  });
});
