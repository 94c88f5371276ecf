import { Module } from '@nestjs/common';
import type { Resolvable } from 'did-resolver';
import { AnchorReader } from '#anchoring';
import { createChainProvider, createEthrResolver } from '#identity';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import type { CredentialCheck } from './check.js';
import { AnchorCheck } from './checks/anchor.check.js';
import { SchemaCheck } from './checks/schema.check.js';
import { SignatureCheck } from './checks/signature.check.js';
import { SignedPayloadCheck } from './checks/signed-payload.check.js';
import { StatusCheck } from './checks/status.check.js';
import { ValidityPeriodCheck } from './checks/validity-period.check.js';
import { FetchSlots } from '../fetching/fetch-slots.js';
import { FETCH_LIMITS } from '../fetching/fetch-limits.js';
import { PublicFetcher } from '../fetching/public-fetcher.js';
import { StatusListReader } from '../status-lists/status-list-reader.js';
import { TrustRegistry } from '../trust/trust-registry.js';
import { IssuerTrustCheck } from './checks/issuer-trust.check.js';
import { VerificationController } from './verification.controller.js';
import { CREDENTIAL_CHECKS, DID_RESOLVER, VerificationService } from './verification.service.js';

@Module({
  controllers: [VerificationController],
  providers: [
    { provide: FetchSlots, inject: [VERIFIER_CONFIG], useFactory: (config: VerifierConfig) => new FetchSlots(config.fetchConcurrency) },
    {
      provide: TrustRegistry,
      inject: [VERIFIER_CONFIG, FetchSlots],
      // Registry URLs come from the operator, not from credentials: private addresses are allowed.
      useFactory: (config: VerifierConfig, slots: FetchSlots) =>
        new TrustRegistry(config.trust, new PublicFetcher({ allowPrivateNetworks: true, deadlineMs: config.fetchDeadlineMs, maxBytes: FETCH_LIMITS.registryPageBytes }, slots)),
    },
    {
      provide: DID_RESOLVER,
      inject: [VERIFIER_CONFIG],
      useFactory: (config: VerifierConfig): Resolvable => createEthrResolver(config.chain),
    },
    {
      provide: CREDENTIAL_CHECKS,
      inject: [VERIFIER_CONFIG, TrustRegistry, DID_RESOLVER, FetchSlots],
      useFactory: (config: VerifierConfig, trust: TrustRegistry, resolver: Resolvable, slots: FetchSlots): CredentialCheck[] => {
        const signature = new SignatureCheck(resolver);
        // URLs named by credentials: private addresses only where the operator allows them (development).
        const fetcher = (maxBytes: number) => new PublicFetcher({ allowPrivateNetworks: config.allowPrivateNetworkFetch, deadlineMs: config.fetchDeadlineMs, maxBytes }, slots);
        // The order is the report's order.
        return [
          signature,
          new SignedPayloadCheck(),
          new SchemaCheck(),
          new ValidityPeriodCheck(config.clockSkewSeconds),
          // Status lists are verified like credentials, by the same signature check.
          new StatusCheck(new StatusListReader(fetcher(FETCH_LIMITS.statusListBytes), signature, config.statusListCacheSeconds)),
          new AnchorCheck(new AnchorReader(createChainProvider(config.chain), config.anchorContract), fetcher(FETCH_LIMITS.anchoredPackageBytes), config.chain.chainId, config.anchorConfirmations),
          new IssuerTrustCheck(trust, config.requireTrustedIssuer),
        ];
      },
    },
    VerificationService,
  ],
  exports: [VerificationService, DID_RESOLVER, TrustRegistry],
})
export class VerificationModule {}
