import { CONTEXT_URLS, type DataModel, type IssuerProfileObject, packageService } from '#schemas';
import type { StatusSlot } from '../status-lists/status-lists.service.js';

/** What a credential for a wallet takes from the issuance that makes it. */
export interface HolderBinding {
  /** The new credential's id. */
  id: string;
  /** The wallet holder's DID, which becomes the subject's id. */
  holder: string;
  issuer: IssuerProfileObject;
  /** The signing time. */
  issuedAt: string;
  packageUrl: string;
  dataModel: DataModel;
}

/** Contexts every credential of ours names by data model; any other (a kind's own) is kept, in order. */
const ENVELOPE_CONTEXTS: readonly string[] = [
  CONTEXT_URLS.credentialsV1,
  CONTEXT_URLS.credentialsV2,
  CONTEXT_URLS.openBadgesV3,
  CONTEXT_URLS.openBadgesV3Extensions,
  CONTEXT_URLS.anchoredCredentialsV1,
];

/**
 * A new unsigned credential for the same achievement as a signed one of our kinds, bound to a
 * wallet's holder: the subject's id becomes the holder's DID (the hashed student number or email
 * stays as its `identifier`, so a school can still match the learner it was told about), with a new
 * id, signing time and status entry, in the envelope of the data model asked for (a VCDM 1.1 VC-JWT
 * or VCDM 2.0), as `buildCredential` would have made it from the registrar's facts.
 */
export function holderBoundCredential(
  original: Record<string, unknown>,
  binding: HolderBinding,
  status: Pick<StatusSlot, 'twoLists' | 'message'>,
): Record<string, unknown> {
  const {
    '@context': contexts,
    id: _id,
    proof: _proof,
    credentialStatus: _status,
    refreshService: _refresh,
    issuer: _issuer,
    issuanceDate: _issuanceDate,
    validFrom: _validFrom,
    expirationDate,
    validUntil,
    credentialSubject,
    ...rest
  } = original;
  const own = (Array.isArray(contexts) ? contexts : [contexts]).filter(
    (context): context is string => typeof context === 'string' && !ENVELOPE_CONTEXTS.includes(context),
  );
  const until = validUntil ?? expirationDate;
  const subject = { ...(credentialSubject as Record<string, unknown>), id: binding.holder };
  const common = {
    id: binding.id,
    ...rest,
    issuer: binding.issuer,
    credentialSubject: subject,
    refreshService: packageService(binding.packageUrl),
  };
  return binding.dataModel === '2.0'
    ? {
        '@context': [
          CONTEXT_URLS.credentialsV2,
          CONTEXT_URLS.openBadgesV3,
          CONTEXT_URLS.openBadgesV3Extensions,
          ...own,
          CONTEXT_URLS.anchoredCredentialsV1,
        ],
        ...common,
        validFrom: binding.issuedAt,
        ...(typeof until === 'string' ? { validUntil: until } : {}),
        credentialStatus: status.message,
      }
    : {
        '@context': [CONTEXT_URLS.credentialsV1, CONTEXT_URLS.openBadgesV3, ...own],
        ...common,
        issuanceDate: binding.issuedAt,
        ...(typeof until === 'string' ? { expirationDate: until } : {}),
        credentialStatus: status.twoLists,
      };
}
