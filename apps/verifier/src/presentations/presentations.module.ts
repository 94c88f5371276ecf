import { Logger, Module } from '@nestjs/common';
import type { Resolvable } from 'did-resolver';
import { CredentialVerifier, HolderSignatureCheck, PresentationVerifier, SignatureVerifier } from '#verification';
import { DID_RESOLVER, VerificationModule } from '../verification/verification.module.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import type { DataSource } from 'typeorm';
import { VERIFIER_DATABASE } from '../database/database.module.js';
import { CHALLENGES, type Challenges } from './challenge-store.js';
import { ChallengesRepository } from './challenges.repository.js';
import { MemoryChallengeStore } from './memory-challenge-store.js';
import { PresentationsController } from './presentations.controller.js';
import { PresentationsService } from './presentations.service.js';

@Module({
  imports: [VerificationModule],
  controllers: [PresentationsController],
  providers: [
    {
      provide: CHALLENGES,
      inject: [VERIFIER_CONFIG, VERIFIER_DATABASE],
      useFactory: (config: VerifierConfig, db: DataSource | null): Challenges =>
        db ? new ChallengesRepository(db, config.challengeTtlSeconds) : new MemoryChallengeStore(config.challengeTtlSeconds),
    },
    {
      provide: PresentationVerifier,
      inject: [CredentialVerifier, DID_RESOLVER, CHALLENGES, VERIFIER_CONFIG],
      useFactory: (credentials: CredentialVerifier, resolver: Resolvable, challenges: Challenges, config: VerifierConfig) =>
        // A holder signs a presentation with a key its DID lists for authentication.
        new PresentationVerifier(credentials, new HolderSignatureCheck(new SignatureVerifier({ resolver })), challenges, {
          clockSkewSeconds: config.clockSkewSeconds,
          logger: new Logger(PresentationVerifier.name),
        }),
    },
    PresentationsService,
  ],
  exports: [PresentationVerifier],
})
export class PresentationsModule {}
