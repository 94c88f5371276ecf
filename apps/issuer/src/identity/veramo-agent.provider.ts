import { createAgent, type ICredentialIssuer, type IDIDManager, type IKeyManager, type IResolver, type TAgent } from '@veramo/core';
import { CredentialProviderJWT } from '@veramo/credential-jwt';
import { CredentialPlugin } from '@veramo/credential-w3c';
import { DIDStore, KeyStore, PrivateKeyStore } from '@veramo/data-store';
import { DIDManager } from '@veramo/did-manager';
import { EthrDIDProvider } from '@veramo/did-provider-ethr';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { KeyManager } from '@veramo/key-manager';
import { KeyManagementSystem } from '@veramo/kms-local';
import { createChainProvider, createEthrResolver, type EthrNetwork, ethrNetworkName } from '#identity';
import type { DataSource } from 'typeorm';
import { StrictSecretBox } from './key-encryption.js';

export type IssuerAgent = TAgent<IDIDManager & IKeyManager & IResolver & ICredentialIssuer>;

export const KMS_NAME = 'local';
export const DID_PROVIDER = 'did:ethr';

/**
 * Veramo's store of private keys, encrypted with the key-encryption secret: the agent's key manager
 * keeps every key there, and the proof signers Veramo lacks (Data Integrity, VC-JOSE-COSE) read a
 * key from it for one signature.
 */
export function createPrivateKeyStore(dataSource: DataSource, keyEncryptionSecret: string): PrivateKeyStore {
  return new PrivateKeyStore(dataSource, new StrictSecretBox(keyEncryptionSecret));
}

/**
 * The one place Veramo is wired: keys in Veramo's TypeORM stores inside our DataSource, private
 * keys in `privateKeys` (encrypted), did:ethr on our one chain, VC-JWT issuance.
 */
export function createIssuerAgent(dataSource: DataSource, network: EthrNetwork, privateKeys: PrivateKeyStore): IssuerAgent {
  return createAgent<IDIDManager & IKeyManager & IResolver & ICredentialIssuer>({
    plugins: [
      new KeyManager({
        store: new KeyStore(dataSource),
        kms: { [KMS_NAME]: new KeyManagementSystem(privateKeys) },
      }),
      new DIDManager({
        store: new DIDStore(dataSource),
        defaultProvider: DID_PROVIDER,
        providers: {
          [DID_PROVIDER]: new EthrDIDProvider({
            defaultKms: KMS_NAME,
            networks: [
              {
                name: ethrNetworkName(network),
                chainId: network.chainId,
                provider: createChainProvider(network),
                registry: network.didRegistry,
              },
            ],
          }),
        },
      }),
      new DIDResolverPlugin({ resolver: createEthrResolver(network) }),
      new CredentialPlugin([new CredentialProviderJWT()]),
    ],
  });
}
