import type { AnchorReader } from '#anchoring';
import { AnchorReceipts } from '../anchors/anchor-receipts.js';
import { DidLinks } from '../dids/did-links.js';
import { FETCH_LIMITS } from '../fetching/fetch-limits.js';
import type { PublicFetcher } from '../fetching/public-fetcher.js';
import { EthrKeyHistory } from '../signatures/ethr-key-history.js';
import { type SignatureKeys, SignatureVerifier } from '../signatures/signature-verifier.js';
import { StatusListReader } from '../status-lists/status-list-reader.js';
import type { IssuerTrust } from '../trust/trust-registry.js';
import { AnchorCheck } from './checks/anchor.check.js';
import { IssuerTrustCheck } from './checks/issuer-trust.check.js';
import { SchemaCheck } from './checks/schema.check.js';
import { SignatureCheck } from './checks/signature.check.js';
import { SignedPayloadCheck } from './checks/signed-payload.check.js';
import { StatusCheck } from './checks/status.check.js';
import { ValidityPeriodCheck } from './checks/validity-period.check.js';
import type { CredentialCheck } from './parsed-credential.js';

export interface CredentialChecksOptions extends SignatureKeys {
  /** A fetcher for URLs that verified credentials name, capped at `maxBytes`. */
  fetcher: (maxBytes: number) => PublicFetcher;
  /** The anchor contract's reader, the chain it is on, and the depth a receipt's block needs. */
  anchors: { reader: AnchorReader; chainId: number; confirmations: number };
  trust: IssuerTrust;
  /** Whether an issuer no trusted registry lists fails the credential rather than leaving it indeterminate. */
  requireTrustedIssuer: boolean;
  clockSkewSeconds: number;
  /** How long a verified status list is reused before it is fetched again. */
  statusListCacheSeconds: number;
}

/** Every check of a credential after its format, in the report's order. */
export function credentialChecks(options: CredentialChecksOptions): CredentialCheck[] {
  const { fetcher, anchors } = options;
  const signatures = new SignatureVerifier(options);
  const receipts = new AnchorReceipts(anchors.reader, fetcher(FETCH_LIMITS.anchoredPackageBytes), anchors.chainId, anchors.confirmations);
  return [
    new SignatureCheck(signatures, new EthrKeyHistory(options.resolver, receipts)),
    new SignedPayloadCheck(),
    // Our kinds' constraints are for our institutions' credentials; another system's Open Badges,
    // whose achievement types may look like ours, are held to 1EdTech's schema. The signature may not
    // hold yet: what the registries said last is read, none is refreshed.
    new SchemaCheck(async ({ issuer }) => options.trust.knows(issuer)),
    new ValidityPeriodCheck(options.clockSkewSeconds),
    // Status lists are verified like credentials, against their issuer's keys of today.
    new StatusCheck(
      new StatusListReader(fetcher(FETCH_LIMITS.statusListBytes), signatures, options.statusListCacheSeconds),
      new DidLinks(options.resolver),
    ),
    new AnchorCheck(receipts),
    new IssuerTrustCheck(options.trust, options.requireTrustedIssuer),
  ];
}
