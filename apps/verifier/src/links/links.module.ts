import { Module } from '@nestjs/common';
import { VerificationModule } from '../verification/verification.module.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import { LinkStore } from './link-store.js';
import { LinksController } from './links.controller.js';
import { LinksService } from './links.service.js';

/** Verification links and their QR codes: made for a verified credential of a trusted issuer, opened by anyone. */
@Module({
  imports: [VerificationModule],
  controllers: [LinksController],
  providers: [
    { provide: LinkStore, inject: [VERIFIER_CONFIG], useFactory: (config: VerifierConfig) => new LinkStore(config.linkStoreDir) },
    LinksService,
  ],
})
export class LinksModule {}
