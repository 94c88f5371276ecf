import { Inject, Injectable, Logger } from '@nestjs/common';
import { PrivateKey } from '@veramo/data-store';
import type { UnsignedCredential } from '#schemas';
import { DataSource } from 'typeorm';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { DID_PROVIDER, type IssuerAgent, KMS_NAME } from './veramo-agent.provider.js';
import { IdentityError } from './identity.errors.js';
import { type IssuedSignedCredential, signedCredentialOf } from './signed-credential.js';
import { StrictSecretBox } from './key-encryption.js';

export const ISSUER_AGENT = Symbol('IssuerAgent');

/** The key an institution's DID signs with: its Veramo key id and its secp256k1 public key. */
export interface SigningKey {
  did: string;
  kid: string;
  publicKeyHex: string;
}

/** Institutions' DIDs and signatures; every use of a signing key goes through here. */
@Injectable()
export class IssuerIdentityService {
  private readonly logger = new Logger(IssuerIdentityService.name);
  /** An institution's DID keeps its controller key for good (nothing here rotates it), so it is looked up once. */
  private readonly signingKeys = new Map<string, Promise<SigningKey>>();

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
   * Signs a credential as a VC-JWT (ES256K) with the issuer DID's key (`signingKeyOf`). Veramo looks
   * the DID up from the credential's issuer, so that must be the DID the caller is entitled to.
   */
  async signCredential(credential: UnsignedCredential, issuerDid: string): Promise<IssuedSignedCredential> {
    if (credential.issuer.id !== issuerDid) throw new Error(`refusing to sign as ${credential.issuer.id} for ${issuerDid}`);
    const key = await this.signingKeyOf(issuerDid);
    const signed = await this.agent.createVerifiableCredential({ credential, proofFormat: 'jwt', keyRef: key.kid });
    const jwt = (signed.proof as { jwt?: unknown }).jwt;
    if (typeof jwt !== 'string') throw IdentityError.issuerKeyMissing(issuerDid);
    return signedCredentialOf({ format: 'vc-jwt', bytes: jwt });
  }

  /** The key `signCredential` signs with for this DID, to check a signature against without resolving the DID. */
  signingKeyOf(did: string): Promise<SigningKey> {
    let key = this.signingKeys.get(did);
    if (!key) {
      key = this.agent.didManagerGet({ did }).then((identifier) => {
        const controller = identifier.keys.find((candidate) => candidate.kid === identifier.controllerKeyId);
        if (!controller) throw IdentityError.issuerKeyMissing(did);
        return { did, kid: controller.kid, publicKeyHex: controller.publicKeyHex };
      });
      // A failed lookup is not remembered: the next signing asks again.
      key.catch(() => this.signingKeys.delete(did));
      this.signingKeys.set(did, key);
    }
    return key;
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
