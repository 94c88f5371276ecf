import { Logger, Module } from '@nestjs/common';
import type { Resolvable } from 'did-resolver';
import { AnchorReader } from '#anchoring';
import { createChainProvider, createDidResolver } from '#identity';
import {
  cachingResolver,
  type CredentialCheck,
  credentialChecks,
  CredentialVerifier,
  didWebFetch,
  FETCH_LIMITS,
  FetchSlots,
  PublicFetcher,
  TrustRegistry,
} from '#verification';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import { TrustRegistryLifecycle } from './trust-registry.lifecycle.js';
import { VerificationController } from './verification.controller.js';

export const CREDENTIAL_CHECKS = Symbol('CredentialChecks');
/** did:web documents kept at once: a few KiB each, for as many issuers as a busy verifier sees within the cache time. */
const DID_WEB_CACHE_ENTRIES = 1000;
/** The one DID resolver issuers' and holders' signatures are checked with: did:ethr on the configured chain, did:key, did:jwk, did:web. */
export const DID_RESOLVER = Symbol('DidResolver');

/** The verification library's objects, built once from the verifier's configuration, and `POST /credentials/verify`. */
@Module({
  controllers: [VerificationController],
  providers: [
    { provide: FetchSlots, inject: [VERIFIER_CONFIG], useFactory: (config: VerifierConfig) => new FetchSlots(config.fetchConcurrency) },
    {
      provide: TrustRegistry,
      inject: [VERIFIER_CONFIG, FetchSlots],
      // Registry URLs come from the operator, not from credentials: private addresses are allowed.
      useFactory: (config: VerifierConfig, slots: FetchSlots) =>
        new TrustRegistry(
          config.trust,
          new PublicFetcher(
            {
              allowPrivateNetworks: true,
              deadlineMs: config.fetchDeadlineMs,
              trustedCa: config.fetchTrustedCa,
              maxBytes: FETCH_LIMITS.registryPageBytes,
            },
            slots,
            new Logger(PublicFetcher.name),
          ),
          new Logger(TrustRegistry.name),
        ),
    },
    TrustRegistryLifecycle,
    {
      provide: DID_RESOLVER,
      inject: [VERIFIER_CONFIG, FetchSlots],
      useFactory: (config: VerifierConfig, slots: FetchSlots): Resolvable => {
        // A did:web document is fetched like any URL a credential names: public addresses only, unless the operator allows others.
        const fetcher = new PublicFetcher(
          {
            allowPrivateNetworks: config.allowPrivateNetworkFetch,
            deadlineMs: config.fetchDeadlineMs,
            trustedCa: config.fetchTrustedCa,
            maxBytes: FETCH_LIMITS.didDocumentBytes,
          },
          slots,
          new Logger(PublicFetcher.name),
        );
        const fetchDidWeb = didWebFetch(fetcher, { loopbackOverHttp: config.allowPrivateNetworkFetch && !config.fetchTrustedCa });
        return cachingResolver(createDidResolver({ ethr: config.chain, fetchDidWeb }), {
          methods: ['web'],
          ttlSeconds: config.didWebCacheSeconds,
          maxEntries: DID_WEB_CACHE_ENTRIES,
        });
      },
    },
    {
      provide: CREDENTIAL_CHECKS,
      inject: [VERIFIER_CONFIG, TrustRegistry, DID_RESOLVER, FetchSlots],
      useFactory: (config: VerifierConfig, trust: TrustRegistry, resolver: Resolvable, slots: FetchSlots): CredentialCheck[] =>
        credentialChecks({
          resolver,
          // URLs named by credentials: private addresses only where the operator allows them (development).
          fetcher: (maxBytes) =>
            new PublicFetcher(
              {
                allowPrivateNetworks: config.allowPrivateNetworkFetch,
                deadlineMs: config.fetchDeadlineMs,
                trustedCa: config.fetchTrustedCa,
                maxBytes,
              },
              slots,
              new Logger(PublicFetcher.name),
            ),
          anchors: {
            reader: new AnchorReader(createChainProvider(config.chain), config.anchorContract),
            chainId: config.chain.chainId,
            confirmations: config.anchorConfirmations,
          },
          trust,
          requireTrustedIssuer: config.requireTrustedIssuer,
          clockSkewSeconds: config.clockSkewSeconds,
          statusListCacheSeconds: config.statusListCacheSeconds,
        }),
    },
    {
      provide: CredentialVerifier,
      inject: [CREDENTIAL_CHECKS, TrustRegistry, VERIFIER_CONFIG],
      useFactory: (checks: CredentialCheck[], trust: TrustRegistry, config: VerifierConfig) =>
        new CredentialVerifier(checks, trust, { deadlineMs: config.verificationDeadlineMs, logger: new Logger(CredentialVerifier.name) }),
    },
  ],
  exports: [CredentialVerifier, DID_RESOLVER, TrustRegistry],
})
export class VerificationModule {}
