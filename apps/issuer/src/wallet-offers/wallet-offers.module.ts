import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { ClaimPageController } from './claim-page.controller.js';
import { CredentialIssuerController } from './credential-issuer.controller.js';
import { Openid4vcLibrary } from './openid4vc-library.js';
import { TokenRateLimitGuard } from './token-rate-limit.guard.js';
import { WalletIssuanceService } from './wallet-issuance.service.js';
import { WalletNoncesRepository } from './wallet-nonces.repository.js';
import { WalletOffersController } from './wallet-offers.controller.js';
import { WalletOffersRepository } from './wallet-offers.repository.js';
import { WalletOffersService } from './wallet-offers.service.js';

/** Learners' wallets: OpenID4VCI offers, each institution's credential issuer, and the claim pages. */
@Module({
  imports: [InstitutionsModule, CredentialsModule],
  controllers: [WalletOffersController, CredentialIssuerController, ClaimPageController],
  providers: [
    Openid4vcLibrary,
    WalletOffersRepository,
    WalletNoncesRepository,
    WalletIssuanceService,
    WalletOffersService,
    TokenRateLimitGuard,
  ],
})
export class WalletOffersModule {}
