import { Inject, Injectable, Logger } from '@nestjs/common';
import { Identifier, Key, PrivateKey, type PrivateKeyStore } from '@veramo/data-store';
import { computeAddress, SigningKey as EthersSigningKey } from 'ethers';
import {
  createDocumentLoader,
  importSigningKey,
  signDataIntegrityCredential,
  type SigningKey as ProofSigningKey,
  signVcJwt,
} from '#identity';
import type { UnsignedCredential } from '#schemas';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { didWebDocumentOf, didWebOf, webKeyId } from './did-web.js';
import { IdentityError } from './identity.errors.js';
import { InstitutionWebKeysRepository, WEB_KEY_CURVES, type WebKeyCurve, type WebKeyRecord } from './institution-web-keys.repository.js';
import { jwkPairOf, publicKeyMultibaseOf, type StoredKeyType } from './key-pairs.js';
import { knownKeyResolver } from './known-key.js';
import { type IssuedSignedCredential, signedCredentialOf } from './signed-credential.js';
import { StrictSecretBox } from './key-encryption.js';
import { DID_PROVIDER, type IssuerAgent, KMS_NAME } from './veramo-agent.provider.js';

export const ISSUER_AGENT = Symbol('IssuerAgent');
export const ISSUER_KEY_STORE = Symbol('IssuerKeyStore');

/** The did:ethr key Veramo signs VC-JWTs with: its Veramo key id and its secp256k1 public key. */
export interface SigningKey {
  did: string;
  kid: string;
  publicKeyHex: string;
}

/** Who an institution is, to the signers: its did:ethr, and its slug, which names its did:web. */
export interface InstitutionIdentity {
  id: string;
  did: string;
  slug: string;
}

export type Cryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019';

/** How a credential is signed: a format, with one of the institution's two identities. */
export type SigningChoice =
  /** VCDM 1.1 VC-JWT through Veramo (ES256K). */
  | { format: 'vc-jwt'; identity: 'ethr' }
  /** VC-JOSE-COSE: ES256K with the did:ethr key, ES256 with the did:web's P-256 key. */
  | { format: 'vc+jwt'; identity: 'ethr' | 'web' }
  /** Data Integrity with a did:web key: Ed25519 for eddsa-rdfc-2022, P-256 for ecdsa-rdfc-2019. */
  | { format: 'ldp_vc'; identity: 'web'; cryptosuite: Cryptosuite };

/** The key a signature was just made with, to check it against without resolving anything. */
export type UsedKey = { kind: 'veramo'; key: SigningKey } | { kind: 'proof'; key: ProofSigningKey };

const WEB_KEY_TYPES: Record<WebKeyCurve, StoredKeyType & ('Ed25519' | 'Secp256r1')> = { Ed25519: 'Ed25519', 'P-256': 'Secp256r1' };

/** Institutions' DIDs and signatures; every use of a signing key goes through here. */
@Injectable()
export class IssuerIdentityService {
  private readonly logger = new Logger(IssuerIdentityService.name);
  /** Keys made ready for the proof signers, by Veramo key id: a key never changes under its id. */
  private readonly proofKeys = new Map<string, Promise<ProofSigningKey>>();

  constructor(
    @Inject(ISSUER_AGENT) private readonly agent: IssuerAgent,
    @Inject(ISSUER_KEY_STORE) private readonly privateKeys: PrivateKeyStore,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly webKeys: InstitutionWebKeysRepository,
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

  /** The institution's did:web, named by its slug under the issuer's public URL. */
  didWebOf(institution: Pick<InstitutionIdentity, 'slug'>): string {
    return didWebOf(this.config.publicUrl, institution.slug);
  }

  /**
   * Gives the institution's did:web the keys it lacks: a current Ed25519 and P-256 key, created in
   * Veramo's key store (encrypted like the did:ethr key). Two instances doing it at once keep one key
   * per curve; the loser's key is deleted again.
   */
  async ensureWebKeys(institutionId: string): Promise<void> {
    for (const curve of WEB_KEY_CURVES) {
      if (await this.webKeys.current(institutionId, curve)) continue;
      await this.addWebKey(institutionId, curve, undefined);
    }
  }

  /**
   * Rotates the did:web's keys: a new current key per curve, the old ones retired but kept in the
   * document (what they signed still verifies; nothing new is signed with them).
   */
  async rotateWebKeys(institutionId: string): Promise<void> {
    for (const curve of WEB_KEY_CURVES) {
      const current = await this.webKeys.current(institutionId, curve);
      await this.addWebKey(institutionId, curve, current ?? undefined);
    }
    this.logger.log(`did:web keys of institution ${institutionId} rotated`);
  }

  /** The institution's did:web document as served: every key it ever had, current ones first. */
  async didWebDocument(institution: InstitutionIdentity): Promise<Record<string, unknown>> {
    const keys = await this.webKeys.all(institution.id);
    return didWebDocumentOf(
      this.didWebOf(institution),
      institution.did,
      keys.map((key) => ({ publicKeyMultibase: key.publicKeyMultibase, retired: key.retiredAt !== null })),
    );
  }

  /** Institutions whose did:web has no current key of some curve (created before did:web existed). */
  institutionsMissingWebKeys(): Promise<string[]> {
    return this.webKeys.institutionsMissingKeys();
  }

  /**
   * Signs a credential as chosen, with the issuer named in it being the identity that signs (the
   * caller sets it): a VC-JWT through Veramo, VC-JOSE-COSE or Data Integrity with a key read from
   * Veramo's store. Returns the signed credential and the key that signed, for the last-line check.
   */
  async sign(institution: InstitutionIdentity, credential: Record<string, unknown>, choice: SigningChoice) {
    const signer = choice.identity === 'ethr' ? institution.did : this.didWebOf(institution);
    const named = issuerIdOf(credential.issuer);
    if (named !== signer) throw new Error(`refusing to sign as ${String(named)} for ${signer}`);
    switch (choice.format) {
      case 'vc-jwt': {
        const signed = await this.signCredential(credential, institution.did);
        return { signed, key: { kind: 'veramo', key: await this.signingKeyOf(institution.did) } satisfies UsedKey };
      }
      case 'vc+jwt': {
        const key = choice.identity === 'ethr' ? await this.ethrProofKey(institution.did) : await this.webProofKey(institution, 'P-256');
        return {
          signed: signedCredentialOf({ format: 'vc+jwt', bytes: signVcJwt(credential, key) }),
          key: { kind: 'proof', key } satisfies UsedKey,
        };
      }
      case 'ldp_vc': {
        const key = await this.webProofKey(institution, choice.cryptosuite === 'eddsa-rdfc-2022' ? 'Ed25519' : 'P-256');
        const document = await signDataIntegrityCredential(credential, key, {
          documentLoader: createDocumentLoader(knownKeyResolver(key)),
        });
        return {
          signed: signedCredentialOf({ format: 'ldp_vc', bytes: JSON.stringify(document) }),
          key: { kind: 'proof', key } satisfies UsedKey,
        };
      }
    }
  }

  /**
   * Signs a credential as a VC-JWT (ES256K) with the issuer DID's key (`signingKeyOf`). Veramo looks
   * the DID up from the credential's issuer, so that must be the DID the caller is entitled to.
   */
  async signCredential(credential: UnsignedCredential | Record<string, unknown>, issuerDid: string): Promise<IssuedSignedCredential> {
    const named = issuerIdOf(credential.issuer);
    if (named !== issuerDid) throw new Error(`refusing to sign as ${String(named)} for ${issuerDid}`);
    const key = await this.signingKeyOf(issuerDid);
    const signed = await this.agent.createVerifiableCredential({
      credential: keepingLoneSubjectId(credential) as UnsignedCredential,
      proofFormat: 'jwt',
      keyRef: key.kid,
    });
    const jwt = (signed.proof as { jwt?: unknown }).jwt;
    if (typeof jwt !== 'string') throw IdentityError.issuerKeyMissing(issuerDid);
    return signedCredentialOf({ format: 'vc-jwt', bytes: jwt });
  }

  /**
   * The key `signCredential` signs with for this DID (its current owner, the controller key in
   * Veramo's DID store), to check a signature against without resolving the DID. Looked up each time:
   * a rotation on another instance changes it.
   */
  async signingKeyOf(did: string): Promise<SigningKey> {
    const identifier = await this.agent.didManagerGet({ did });
    const controller = identifier.keys.find((candidate) => candidate.kid === identifier.controllerKeyId);
    if (!controller) throw IdentityError.issuerKeyMissing(did);
    return { did, kid: controller.kid, publicKeyHex: controller.publicKeyHex };
  }

  /** A fresh secp256k1 key in Veramo's store, to become a did:ethr's owner; its Veramo id and its Ethereum address. */
  async createEthrOwnerKey(): Promise<{ kid: string; address: string }> {
    const key = await this.agent.keyManagerCreate({ kms: KMS_NAME, type: 'Secp256k1' });
    return { kid: key.kid, address: computeAddress(`0x${key.publicKeyHex}`) };
  }

  /** The Ethereum address of a secp256k1 key the store holds. */
  async addressOfKey(kid: string): Promise<string> {
    const key = await this.agent.keyManagerGet({ kid });
    return computeAddress(`0x${key.publicKeyHex}`);
  }

  /**
   * Signs the digest of an ERC-1056 meta-transaction (`setAttributeSigned`, `changeOwnerSigned`) with a
   * key the store holds: plain ECDSA over the digest, which the registry recovers and compares with
   * the DID's owner.
   */
  async signRegistryDigest(kid: string, digest: string): Promise<{ sigV: number; sigR: string; sigS: string }> {
    const { privateKeyHex } = await this.privateKeys.getKey({ alias: kid });
    const signature = new EthersSigningKey(`0x${privateKeyHex}`).sign(digest);
    return { sigV: signature.v, sigR: signature.r, sigS: signature.s };
  }

  /**
   * Makes `kid` the did:ethr's controller key in Veramo's DID store, once the chain names its address
   * as the DID's owner: VC-JWTs are signed with it from then on. The old key stays in the store.
   */
  async adoptEthrOwnerKey(did: string, kid: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Key).update({ kid }, { identifier: { did } as Identifier });
      await manager.getRepository(Identifier).update({ did }, { controllerKeyId: kid });
    });
    this.logger.log(`${did} signs with its new owner key from now on`);
  }

  /**
   * Proves at start-up that the configured secret opens the stored keys, so a wrong secret stops
   * the service instead of surfacing as failed signatures later. Every key, the did:ethr's and the
   * did:web's, is encrypted with the same secret, so one sample answers for all.
   */
  async assertKeysDecryptable(): Promise<void> {
    const sample = await this.dataSource.getRepository(PrivateKey).find({ take: 1 });
    if (sample.length === 0) return;
    await new StrictSecretBox(this.config.keyEncryptionSecret).decrypt(sample[0].privateKeyHex);
    this.logger.log('Key-encryption secret verified against a stored key');
  }

  /**
   * A new key of the curve in Veramo's key store, recorded as the did:web's current one in place of
   * `replacing` (retired) or of none. A key that lost a race to another instance is deleted again.
   */
  private async addWebKey(institutionId: string, curve: WebKeyCurve, replacing: WebKeyRecord | undefined): Promise<void> {
    const type = WEB_KEY_TYPES[curve];
    const created = await this.agent.keyManagerCreate({ kms: KMS_NAME, type });
    const recorded = await this.unitOfWork.run(async (tx) => {
      if (replacing && !(await this.webKeys.retire(tx, institutionId, curve, replacing.kid))) return false;
      return this.webKeys.insertCurrent(tx, {
        kid: created.kid,
        institutionId,
        curve,
        publicKeyMultibase: publicKeyMultibaseOf(type, created.publicKeyHex),
      });
    });
    if (!recorded) await this.agent.keyManagerDelete({ kid: created.kid });
  }

  /** The did:web's current key of a curve, ready to sign. */
  private async webProofKey(institution: InstitutionIdentity, curve: WebKeyCurve): Promise<ProofSigningKey> {
    const current = await this.webKeys.current(institution.id, curve);
    if (!current) throw IdentityError.issuerKeyMissing(this.didWebOf(institution));
    const didWeb = this.didWebOf(institution);
    return this.proofKey(current.kid, WEB_KEY_TYPES[curve], webKeyId(didWeb, current.publicKeyMultibase), didWeb);
  }

  /** The did:ethr's controller key, ready to sign VC-JOSE-COSE (ES256K), as the DID's `#controller` method, which holds after a rotation too. */
  private async ethrProofKey(did: string): Promise<ProofSigningKey> {
    const { kid } = await this.signingKeyOf(did);
    return this.proofKey(kid, 'Secp256k1', `${did}#controller`, did);
  }

  private proofKey(kid: string, type: StoredKeyType, id: string, controller: string): Promise<ProofSigningKey> {
    const cacheKey = `${kid} ${id}`;
    let key = this.proofKeys.get(cacheKey);
    if (!key) {
      key = this.privateKeys
        .getKey({ alias: kid })
        .then(({ privateKeyHex }) => importSigningKey(jwkPairOf(type, privateKeyHex, id, controller)));
      key.catch(() => this.proofKeys.delete(cacheKey));
      this.proofKeys.set(cacheKey, key);
    }
    return key;
  }
}

/** The id of a credential's issuer, whether it names it as a string or as an object with an id. */
export function issuerIdOf(issuer: unknown): string | undefined {
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null && 'id' in issuer && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

/**
 * did-jwt-vc moves a VCDM 1.1 subject's `id` into the JWT's `sub`, and refuses the empty subject
 * that leaves when the id was all the subject said. VC-JWT takes `sub` "instead of or in addition
 * to" the id (VCDM 1.1, 6.3.1): naming `sub` ourselves keeps such an id in the subject too.
 */
function keepingLoneSubjectId(credential: Record<string, unknown>): Record<string, unknown> {
  const subject = credential.credentialSubject;
  const loneId =
    typeof subject === 'object' && subject !== null && !Array.isArray(subject) && Object.keys(subject).join() === 'id'
      ? (subject as { id: unknown }).id
      : undefined;
  return typeof loneId === 'string' ? { ...credential, sub: loneId } : credential;
}
