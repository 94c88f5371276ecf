import { Logger, Module } from '@nestjs/common';
import type { Resolvable } from 'did-resolver';
import { CredentialVerifier, HolderSignatureCheck, PresentationVerifier, SignatureVerifier } from '#verification';
import { DID_RESOLVER, VerificationModule } from '../verification/verification.module.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import { MemoryChallengeStore } from './memory-challenge-store.js';
import { PresentationsController } from './presentations.controller.js';
import { PresentationsService } from './presentations.service.js';

@Module({
  imports: [VerificationModule],
  controllers: [PresentationsController],
  providers: [
    {
      provide: MemoryChallengeStore,
      inject: [VERIFIER_CONFIG],
      useFactory: (config: VerifierConfig) => new MemoryChallengeStore(config.challengeTtlSeconds),
    },
    {
      provide: PresentationVerifier,
      inject: [CredentialVerifier, DID_RESOLVER, MemoryChallengeStore, VERIFIER_CONFIG],
      useFactory: (credentials: CredentialVerifier, resolver: Resolvable, challenges: MemoryChallengeStore, config: VerifierConfig) =>
        // A holder signs a presentation with a key its DID lists for authentication.
        new PresentationVerifier(credentials, new HolderSignatureCheck(new SignatureVerifier({ resolver })), challenges, {
          clockSkewSeconds: config.clockSkewSeconds,
          logger: new Logger(PresentationVerifier.name),
        }),
    },
    PresentationsService,
  ],
})
export class PresentationsModule {}
