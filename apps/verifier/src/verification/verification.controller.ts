import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import { CredentialVerifier, type VerificationReport } from '#verification';
import { type VerifyCredentialRequest, verifyCredentialBody } from './verification.dto.js';

/** W3C VC-API verification. A credential that fails is still a 200: the report says why. */
@Controller('credentials')
export class VerificationController {
  constructor(private readonly verification: CredentialVerifier) {}

  @Post('verify')
  @HttpCode(200)
  verify(@Body(new ValidBody(verifyCredentialBody)) body: VerifyCredentialRequest): Promise<VerificationReport> {
    return this.verification.verifyCredential(body.verifiableCredential, body.anchorReceipt, body.options?.sources);
  }
}
