import { Inject, Injectable, Logger } from '@nestjs/common';
import { PrivateKey } from '@veramo/data-store';
import type { UnsignedCredential } from '#schemas';
import { DataSource } from 'typeorm';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { DID_PROVIDER, type IssuerAgent, KMS_NAME } from './veramo-agent.provider.js';
import { IdentityError } from './identity.errors.js';
import { StrictSecretBox } from './key-encryption.js';

export const ISSUER_AGENT = Symbol('IssuerAgent');

/** Institutions' DIDs and signatures; every use of a signing key goes through here. */
@Injectable()
export class IssuerIdentityService {
  private readonly logger = new Logger(IssuerIdentityService.name);

  constructor(
    @Inject(ISSUER_AGENT) private readonly agent: IssuerAgent,
    private readonly dataSource: DataSource,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /** Creates a did:ethr with a fresh secp256k1 key, stored encrypted. */
  async createDid(alias: string): Promise<string> {
    const identifier = await this.agent.didManagerCreate({
      provider: DID_PROVIDER,
      kms: KMS_NAME,
      alias,
      options: { network: this.config.chain.chainId },
    });
    return identifier.did;
  }

  /**
   * Signs a credential as a VC-JWT (ES256K) with the issuer DID's key and returns the JWT. Veramo
   * picks the key from the credential's issuer, so that must be the DID the caller is entitled to.
   */
  async signCredential(credential: UnsignedCredential, issuerDid: string): Promise<string> {
    if (credential.issuer.id !== issuerDid) throw new Error(`refusing to sign as ${credential.issuer.id} for ${issuerDid}`);
    const signed = await this.agent.createVerifiableCredential({ credential, proofFormat: 'jwt' });
    const jwt = (signed.proof as { jwt?: unknown }).jwt;
    if (typeof jwt !== 'string') throw IdentityError.issuerKeyMissing(issuerDid);
    return jwt;
  }

  /**
   * Proves at start-up that the configured secret opens the stored keys, so a wrong secret stops
   * the service instead of surfacing as failed signatures later.
   */
  async assertKeysDecryptable(): Promise<void> {
    const sample = await this.dataSource.getRepository(PrivateKey).find({ take: 1 });
    if (sample.length === 0) return;
    await new StrictSecretBox(this.config.keyEncryptionSecret).decrypt(sample[0].privateKeyHex);
    this.logger.log('Key-encryption secret verified against a stored key');
  }
}
