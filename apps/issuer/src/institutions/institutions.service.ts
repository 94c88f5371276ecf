import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IssuerProfile, IssuerRegistry } from '#schemas';
import { RequestError } from '#service-kit';
import { randomUUID } from 'node:crypto';
import { type DidEthrChange, DidEthrRelay } from '../identity/did-ethr-relay.js';
import { IssuerIdentityService } from '../identity/issuer-identity.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { InstitutionError } from './institutions.errors.js';
import { type InstitutionRecord, InstitutionsRepository } from './institutions.repository.js';
import type { CreateApiKeyRequest, CreateInstitutionRequest } from './institutions.dto.js';
import { decodeRegistryCursor, encodeRegistryCursor } from './registry-cursor.js';
import { freeSlug, slugOf } from './institution-slug.js';

export interface Institution {
  id: string;
  name: string;
  url: string;
  image?: string;
  /** The did:ethr: the root of trust, with its key history on chain. */
  did: string;
  /** Names the did:web. */
  slug: string;
  /** The did:web the issuer serves, the same institution (each DID names the other). */
  didWeb: string;
  createdAt: string;
}

/** The institution as the issuer of its credentials names it, under one of its DIDs (the did:ethr unless told). */
export function issuerProfileOf(institution: Institution, did = institution.did): IssuerProfile {
  return { id: did, name: institution.name, url: institution.url, ...(institution.image ? { image: institution.image } : {}) };
}

/** A change asked of a did:ethr, as the admin API shows it. */
export interface DidEthrChangeView {
  id: string;
  kind: DidEthrChange['kind'];
  state: DidEthrChange['state'];
  /** The did:web the attribute names; for a rotation, nothing (the new key stays in the key store). */
  value?: string;
  txHash?: string;
  lastError?: string;
  createdAt: string;
  doneAt?: string;
}

function changeView(change: DidEthrChange): DidEthrChangeView {
  return {
    id: change.id,
    kind: change.kind,
    state: change.state,
    ...(change.kind === 'also-known-as' ? { value: change.value } : {}),
    ...(change.txHash ? { txHash: change.txHash } : {}),
    ...(change.lastError ? { lastError: change.lastError } : {}),
    createdAt: change.createdAt.toISOString(),
    ...(change.doneAt ? { doneAt: change.doneAt.toISOString() } : {}),
  };
}

export interface CreatedApiKey {
  id: string;
  institutionId: string;
  label: string;
  /** Shown once; only its hash is stored. */
  apiKey: string;
  createdAt: string;
}

@Injectable()
export class InstitutionsService {
  private readonly logger = new Logger(InstitutionsService.name);

  constructor(
    private readonly repository: InstitutionsRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly identity: IssuerIdentityService,
    private readonly didEthr: DidEthrRelay,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /**
   * Creates an institution with its did:ethr and its did:web and their keys. A slug asked for that
   * is taken is refused; one derived from the name takes the next free `-2`, `-3`, ...
   */
  async create(request: CreateInstitutionRequest): Promise<Institution> {
    const id = randomUUID();
    if (request.slug && (await this.repository.slugTaken(request.slug))) throw InstitutionError.slugTaken(request.slug);
    const did = await this.identity.createDid(`institution:${id}`);
    const record: InstitutionRecord = {
      id,
      name: request.name,
      url: request.url,
      imageUrl: request.image ?? null,
      did,
      slug: request.slug ?? '',
      createdAt: new Date(),
    };
    // Another institution may take a free slug before this one is stored: then the next is looked for.
    for (;;) {
      if (!request.slug) record.slug = await freeSlug(slugOf(request.name), (slug) => this.repository.slugTaken(slug));
      if (await this.repository.insert(record)) break;
      if (request.slug) throw InstitutionError.slugTaken(request.slug);
    }
    await this.identity.ensureWebKeys(id);
    const institution = this.toInstitution(record);
    await this.didEthr.requestLink(institution);
    this.logger.log(`Institution ${id} created with ${did} and ${institution.didWeb}`);
    return institution;
  }

  /** The institution a did:web document is served for, by its slug. */
  async findBySlug(slug: string): Promise<Institution> {
    const record = await this.repository.findBySlug(slug);
    if (!record) throw InstitutionError.slugNotFound(slug);
    return this.toInstitution(record);
  }

  /** The institution hosted here that signs as this DID (its did:ethr or its did:web), if any. */
  async findByDid(did: string): Promise<Institution | undefined> {
    const ours = this.identity.didWebOf({ slug: '' });
    const slug = did.startsWith(ours) ? did.slice(ours.length) : undefined;
    const record = slug !== undefined ? await this.repository.findBySlug(slug) : await this.repository.findByDid(did);
    return record ? this.toInstitution(record) : undefined;
  }

  async list(page: { limit: number; offset: number }): Promise<Institution[]> {
    return (await this.repository.list(page)).map((record) => this.toInstitution(record));
  }

  /**
   * One page of the public registry, from the cursor of the page before. Its `next` is relative to
   * the page's own URL (`?after=…`), so it holds behind any proxy or path prefix. A first page is
   * what a verifier that knows nothing of pages has always read.
   */
  async registryPage(after: string | undefined): Promise<IssuerRegistry> {
    const cursor = after === undefined ? undefined : decodeRegistryCursor(after);
    if (after !== undefined && !cursor) throw RequestError.invalidParameter('after', "the cursor of a registry page's next link");
    const records = await this.repository.listAfter(cursor, this.config.registryPageSize + 1);
    const page = records.slice(0, this.config.registryPageSize);
    const last = page.at(-1);
    return {
      type: 'IssuerRegistry',
      version: 1,
      institutions: page.map((record) => {
        const { did, name, url, didWeb } = this.toInstitution(record);
        return { did, name, url, alsoKnownAs: [didWeb] };
      }),
      ...(records.length > page.length && last ? { next: `?after=${encodeRegistryCursor(last)}` } : {}),
    };
  }

  async get(id: string): Promise<Institution> {
    return this.toInstitution(await this.require(id));
  }

  /** Rotates the institution's did:web keys and answers its document as now served. */
  async rotateWebKeys(id: string): Promise<Record<string, unknown>> {
    const institution = await this.get(id);
    await this.identity.rotateWebKeys(institution.id);
    return this.identity.didWebDocument(institution);
  }

  /** Asks for the institution's did:ethr to get a new owner key (relayed, see DidEthrRelay); the change as queued. */
  async rotateEthrKey(id: string): Promise<DidEthrChangeView> {
    return changeView(await this.didEthr.requestRotation(await this.get(id)));
  }

  /** The changes asked of the institution's did:ethr, oldest first, and how far each got. */
  async ethrChanges(id: string): Promise<DidEthrChangeView[]> {
    return (await this.didEthr.changesOf((await this.get(id)).id)).map(changeView);
  }

  async createApiKey(institutionId: string, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    await this.require(institutionId);
    const { key, prefix, secretHash } = generateApiKey();
    const record = { id: randomUUID(), institutionId, prefix, secretHash, label: request.label ?? 'default', createdAt: new Date() };
    await this.apiKeys.insert(record);
    this.logger.log(`API key ${record.id} (${prefix}) created for institution ${institutionId}`);
    return { id: record.id, institutionId, label: record.label, apiKey: key, createdAt: record.createdAt.toISOString() };
  }

  /** The institution an API key belongs to; any unknown, malformed or mismatched key is refused alike. */
  async authenticate(key: string): Promise<Institution> {
    const parsed = parseApiKey(key);
    const apiKey = parsed && (await this.apiKeys.findByPrefix(parsed.prefix));
    if (!parsed || !apiKey || !secretMatches(parsed.secret, apiKey.secretHash)) throw InstitutionError.apiKeyInvalid();
    return this.get(apiKey.institutionId);
  }

  private toInstitution(record: InstitutionRecord): Institution {
    return {
      id: record.id,
      name: record.name,
      url: record.url,
      ...(record.imageUrl ? { image: record.imageUrl } : {}),
      did: record.did,
      slug: record.slug,
      didWeb: this.identity.didWebOf(record),
      createdAt: record.createdAt.toISOString(),
    };
  }

  private async require(id: string): Promise<InstitutionRecord> {
    const record = await this.repository.findById(id);
    if (!record) throw InstitutionError.notFound(id);
    return record;
  }
}
