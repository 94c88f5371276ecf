import { Module } from '@nestjs/common';
import { VerifierClient } from './verifier-client.js';

@Module({
  providers: [VerifierClient],
  exports: [VerifierClient],
})
export class VerifierClientModule {}
