import { Module } from '@nestjs/common';
import { PagesController } from '../pages/pages.controller.js';
import { VerificationModule } from '../verification/verification.module.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import { LinkStore } from './link-store.js';
import { LinksController } from './links.controller.js';
import { LinksService } from './links.service.js';

/** What people open: verification links and their QR codes, and the start page. */
@Module({
  imports: [VerificationModule],
  controllers: [LinksController, PagesController],
  providers: [{ provide: LinkStore, inject: [VERIFIER_CONFIG], useFactory: (config: VerifierConfig) => new LinkStore(config.linkStoreDir) }, LinksService],
})
export class LinksModule {}
