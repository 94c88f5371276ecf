import { Body, Controller, Post, UseInterceptors } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import { CredentialVerifier, type VerificationReport } from '#verification';
import { VerdictStatusInterceptor } from './verdict-status.interceptor.js';
import { type VerifyCredentialRequest, verifyCredentialBody } from './verification.dto.js';

/** W3C VC-API verification: 200 verified (or indeterminate), 400 failed, with the same report either way. */
@Controller('credentials')
export class VerificationController {
  constructor(private readonly verification: CredentialVerifier) {}

  @Post('verify')
  @UseInterceptors(VerdictStatusInterceptor)
  verify(@Body(new ValidBody(verifyCredentialBody)) body: VerifyCredentialRequest): Promise<VerificationReport> {
    return this.verification.verifyCredential(body.verifiableCredential, body.anchorReceipt, body.options?.sources);
  }
}
