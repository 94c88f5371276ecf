import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AnchoringModule } from './anchoring/anchoring.module.js';
import { CredentialsModule } from './credentials/credentials.module.js';
import { CreditBankModule } from './credit-bank/credit-bank.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthController } from '#service-kit';
import { IdentityModule } from './identity/identity.module.js';
import { InstitutionsModule } from './institutions/institutions.module.js';
import { ISSUER_CONFIG, type IssuerConfig } from './issuer.config.js';
import { WalletOffersModule } from './wallet-offers/wallet-offers.module.js';

@Global()
@Module({})
export class IssuerModule {
  static forRoot(config: IssuerConfig): DynamicModule {
    return {
      module: IssuerModule,
      imports: [
        DatabaseModule.forRoot(config.databaseUrl),
        IdentityModule,
        AnchoringModule.forRoot(config),
        InstitutionsModule,
        CredentialsModule,
        WalletOffersModule,
        CreditBankModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: ISSUER_CONFIG, useValue: config }],
      exports: [ISSUER_CONFIG],
    };
  }
}
