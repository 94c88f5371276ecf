import { Module } from '@nestjs/common';
import { VerificationModule } from '../verification/verification.module.js';
import { PagesController } from './pages.controller.js';

/** The pages people see without a link: the start page, where a credential is pasted or uploaded, and its report. */
@Module({
  imports: [VerificationModule],
  controllers: [PagesController],
})
export class PagesModule {}
