import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DidEthrChangesRepository } from './did-ethr-changes.repository.js';
import { DidEthrRelay } from './did-ethr-relay.js';
import { DataSource } from 'typeorm';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { PrivateKeyStore } from '@veramo/data-store';
import { InstitutionWebKeysRepository } from './institution-web-keys.repository.js';
import { ISSUER_AGENT, ISSUER_KEY_STORE, IssuerIdentityService } from './issuer-identity.service.js';
import { createIssuerAgent, createPrivateKeyStore } from './veramo-agent.provider.js';

@Global()
@Module({
  providers: [
    {
      provide: ISSUER_KEY_STORE,
      inject: [DataSource, ISSUER_CONFIG],
      useFactory: (dataSource: DataSource, config: IssuerConfig) => createPrivateKeyStore(dataSource, config.keyEncryptionSecret),
    },
    {
      provide: ISSUER_AGENT,
      inject: [DataSource, ISSUER_CONFIG, ISSUER_KEY_STORE],
      useFactory: (dataSource: DataSource, config: IssuerConfig, privateKeys: PrivateKeyStore) =>
        createIssuerAgent(dataSource, config.chain, privateKeys),
    },
    InstitutionWebKeysRepository,
    IssuerIdentityService,
    DidEthrChangesRepository,
    DidEthrRelay,
  ],
  exports: [IssuerIdentityService, DidEthrRelay],
})
export class IdentityModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(IssuerIdentityService) private readonly identity: IssuerIdentityService,
    @Inject(DidEthrRelay) private readonly relay: DidEthrRelay,
  ) {}

  /** A wrong key-encryption secret stops the start-up here. */
  onModuleInit(): Promise<void> {
    return this.identity.assertKeysDecryptable();
  }

  /**
   * Institutions created before did:web existed (or interrupted while their keys were made) get their
   * did:web keys, and their did:ethr is asked to name the did:web.
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const institutionId of await this.identity.institutionsMissingWebKeys()) await this.identity.ensureWebKeys(institutionId);
    await this.relay.requestMissingLinks();
  }

  onApplicationShutdown(): Promise<void> {
    return this.relay.close();
  }
}
