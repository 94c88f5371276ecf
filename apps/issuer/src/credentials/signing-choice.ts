import type { DataModel } from '#schemas';
import type { Cryptosuite, SigningChoice } from '../identity/issuer-identity.service.js';

/** The formats an issuance request may ask for. */
export const ISSUANCE_FORMATS = ['ldp_vc', 'vc+jwt', 'vc-jwt'] as const;
export type IssuanceFormat = (typeof ISSUANCE_FORMATS)[number];
export const CRYPTOSUITES: readonly Cryptosuite[] = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'];

/** What a request says about how to sign, all optional. */
export interface SigningRequest {
  format?: IssuanceFormat;
  cryptosuite?: Cryptosuite;
  /** Which of the institution's DIDs the request names as the issuer, if any. */
  identity?: 'ethr' | 'web';
  /** The data model of a credential sent whole (VC-API); undefined for facts, which take the format's. */
  dataModel?: DataModel;
}

export type SigningDecision = { choice: SigningChoice; dataModel: DataModel } | { refused: string };

/**
 * How a credential is signed, from what the request asks. The default, when nothing is asked and no
 * issuer named, is current Open Badges 3.0: VCDM 2.0 as `ldp_vc` with eddsa-rdfc-2022 from the
 * did:web, the proof 1EdTech's conformance and the Learner Credential Wallet use. A request naming
 * one of the institution's DIDs is signed by that DID: the did:ethr signs VCDM 1.1 as `vc-jwt` (as
 * it always has) and VCDM 2.0 as `vc+jwt` (ES256K); the did:web signs VCDM 2.0 only. What cannot be
 * made (Data Integrity from the did:ethr, a VCDM 2.0 VC-JWT, a cryptosuite for a JWT) is refused.
 */
export function signingDecisionOf(request: SigningRequest): SigningDecision {
  const { cryptosuite, identity, dataModel } = request;
  const format = request.format ?? defaultFormat(identity, dataModel);
  if (cryptosuite !== undefined && format !== 'ldp_vc')
    return { refused: `A cryptosuite chooses a Data Integrity proof (ldp_vc); a ${format} credential has none.` };
  switch (format) {
    case 'vc-jwt':
      if (identity === 'web')
        return { refused: 'A vc-jwt (VCDM 1.1 VC-JWT) is signed by the did:ethr alone; the did:web signs vc+jwt and ldp_vc.' };
      if (dataModel === '2.0')
        return { refused: 'A vc-jwt carries a VCDM 1.1 credential; sign a VCDM 2.0 credential as vc+jwt or ldp_vc.' };
      return { choice: { format, identity: 'ethr' }, dataModel: '1.1' };
    case 'vc+jwt':
      if (dataModel === '1.1')
        return { refused: 'A vc+jwt (VC-JOSE-COSE) carries a VCDM 2.0 credential; sign a VCDM 1.1 credential as vc-jwt.' };
      return { choice: { format, identity: identity ?? 'web' }, dataModel: '2.0' };
    case 'ldp_vc':
      if (identity === 'ethr')
        return { refused: 'Data Integrity (ldp_vc) is signed by the did:web; the did:ethr signs vc-jwt and vc+jwt.' };
      if (dataModel === '1.1')
        return { refused: 'This issuer signs Data Integrity (ldp_vc) for VCDM 2.0 credentials; sign a VCDM 1.1 credential as vc-jwt.' };
      return { choice: { format, identity: 'web', cryptosuite: cryptosuite ?? 'eddsa-rdfc-2022' }, dataModel: '2.0' };
  }
}

function defaultFormat(identity: SigningRequest['identity'], dataModel: DataModel | undefined): IssuanceFormat {
  if (dataModel === '1.1') return 'vc-jwt';
  if (identity === 'ethr') return dataModel === '2.0' ? 'vc+jwt' : 'vc-jwt';
  return 'ldp_vc';
}
