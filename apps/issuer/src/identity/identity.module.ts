import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { ISSUER_AGENT, IssuerIdentityService } from './issuer-identity.service.js';
import { createIssuerAgent } from './veramo-agent.provider.js';

@Global()
@Module({
  providers: [
    {
      provide: ISSUER_AGENT,
      inject: [DataSource, ISSUER_CONFIG],
      useFactory: (dataSource: DataSource, config: IssuerConfig) => createIssuerAgent(dataSource, config.chain, config.keyEncryptionSecret),
    },
    IssuerIdentityService,
  ],
  exports: [IssuerIdentityService],
})
export class IdentityModule implements OnModuleInit {
  constructor(@Inject(IssuerIdentityService) private readonly identity: IssuerIdentityService) {}

  /** A wrong key-encryption secret stops the start-up here. */
  onModuleInit(): Promise<void> {
    return this.identity.assertKeysDecryptable();
  }
}
