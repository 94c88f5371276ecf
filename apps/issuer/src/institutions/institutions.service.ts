import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IssuerProfile, IssuerRegistry } from '#schemas';
import { RequestError } from '#service-kit';
import { randomUUID } from 'node:crypto';
import { IssuerIdentityService } from '../identity/issuer-identity.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { InstitutionError } from './institutions.errors.js';
import { type InstitutionRecord, InstitutionsRepository } from './institutions.repository.js';
import type { CreateApiKeyRequest, CreateInstitutionRequest } from './institutions.dto.js';
import { decodeRegistryCursor, encodeRegistryCursor } from './registry-cursor.js';

export interface Institution {
  id: string;
  name: string;
  url: string;
  image?: string;
  did: string;
  createdAt: string;
}

/** The institution as the issuer of its credentials names it. */
export function issuerProfileOf(institution: Institution): IssuerProfile {
  return { id: institution.did, name: institution.name, url: institution.url, ...(institution.image ? { image: institution.image } : {}) };
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
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  async create(request: CreateInstitutionRequest): Promise<Institution> {
    const id = randomUUID();
    const did = await this.identity.createDid(`institution:${id}`);
    const record: InstitutionRecord = {
      id,
      name: request.name,
      url: request.url,
      imageUrl: request.image ?? null,
      did,
      createdAt: new Date(),
    };
    await this.repository.insert(record);
    this.logger.log(`Institution ${id} created with ${did}`);
    return toInstitution(record);
  }

  async list(page: { limit: number; offset: number }): Promise<Institution[]> {
    return (await this.repository.list(page)).map(toInstitution);
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
      institutions: page.map(({ did, name, url }) => ({ did, name, url })),
      ...(records.length > page.length && last ? { next: `?after=${encodeRegistryCursor(last)}` } : {}),
    };
  }

  async get(id: string): Promise<Institution> {
    return toInstitution(await this.require(id));
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

  private async require(id: string): Promise<InstitutionRecord> {
    const record = await this.repository.findById(id);
    if (!record) throw InstitutionError.notFound(id);
    return record;
  }
}

function toInstitution(record: InstitutionRecord): Institution {
  return {
    id: record.id,
    name: record.name,
    url: record.url,
    ...(record.imageUrl ? { image: record.imageUrl } : {}),
    did: record.did,
    createdAt: record.createdAt.toISOString(),
  };
}
