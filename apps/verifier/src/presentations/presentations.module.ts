import { Module } from '@nestjs/common';
import type { Resolvable } from 'did-resolver';
import { SignatureCheck } from '../verification/checks/signature.check.js';
import { VerificationModule } from '../verification/verification.module.js';
import { DID_RESOLVER } from '../verification/verification.service.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import { ChallengeStore } from './challenges.js';
import { CHALLENGES, HOLDER_SIGNATURE, PresentationVerificationService } from './presentation-verification.service.js';
import { PresentationsController } from './presentations.controller.js';

@Module({
  imports: [VerificationModule],
  controllers: [PresentationsController],
  providers: [
    { provide: CHALLENGES, inject: [VERIFIER_CONFIG], useFactory: (config: VerifierConfig) => new ChallengeStore(config.challengeTtlSeconds) },
    // A holder signs a presentation with a key its DID lists for authentication.
    { provide: HOLDER_SIGNATURE, inject: [DID_RESOLVER], useFactory: (resolver: Resolvable) => new SignatureCheck(resolver, 'authentication') },
    PresentationVerificationService,
  ],
})
export class PresentationsModule {}
