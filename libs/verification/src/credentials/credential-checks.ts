import type { AnchorReader } from '#anchoring';
import type { Resolvable } from 'did-resolver';
import { FETCH_LIMITS } from '../fetching/fetch-limits.js';
import type { PublicFetcher } from '../fetching/public-fetcher.js';
import { StatusListReader } from '../status-lists/status-list-reader.js';
import type { TrustRegistry } from '../trust/trust-registry.js';
import { AnchorCheck } from './checks/anchor.check.js';
import { IssuerTrustCheck } from './checks/issuer-trust.check.js';
import { SchemaCheck } from './checks/schema.check.js';
import { SignatureCheck } from './checks/signature.check.js';
import { SignedPayloadCheck } from './checks/signed-payload.check.js';
import { StatusCheck } from './checks/status.check.js';
import { ValidityPeriodCheck } from './checks/validity-period.check.js';
import type { CredentialCheck } from './parsed-credential.js';

export interface CredentialChecksOptions {
  /** The DID resolver issuers' signatures (and their status lists') are checked with. */
  resolver: Resolvable;
  /** A fetcher for URLs that verified credentials name, capped at `maxBytes`. */
  fetcher: (maxBytes: number) => PublicFetcher;
  /** The anchor contract's reader, the chain it is on, and the depth a receipt's block needs. */
  anchors: { reader: AnchorReader; chainId: number; confirmations: number };
  trust: TrustRegistry;
  /** Whether an issuer no trusted registry lists fails the credential rather than leaving it indeterminate. */
  requireTrustedIssuer: boolean;
  clockSkewSeconds: number;
  /** How long a verified status list is reused before it is fetched again. */
  statusListCacheSeconds: number;
}

/** Every check of a credential after its format, in the report's order. */
export function credentialChecks(options: CredentialChecksOptions): CredentialCheck[] {
  const { resolver, fetcher, anchors } = options;
  const signature = new SignatureCheck(resolver);
  return [
    signature,
    new SignedPayloadCheck(),
    new SchemaCheck(),
    new ValidityPeriodCheck(options.clockSkewSeconds),
    // Status lists are verified like credentials, by the same signature check.
    new StatusCheck(new StatusListReader(fetcher(FETCH_LIMITS.statusListBytes), signature, options.statusListCacheSeconds)),
    new AnchorCheck(anchors.reader, fetcher(FETCH_LIMITS.anchoredPackageBytes), anchors.chainId, anchors.confirmations),
    new IssuerTrustCheck(options.trust, options.requireTrustedIssuer),
  ];
}
