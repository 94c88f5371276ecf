import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IssuerProfile, IssuerRegistry } from '#schemas';
import { RequestError } from '#service-kit';
import { randomUUID } from 'node:crypto';
import { IssuerIdentityService } from '../identity/issuer-identity.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key.js';
import type { InstitutionEntity } from './institution.entity.js';
import { InstitutionError } from './institutions.errors.js';
import { InstitutionsRepository } from './institutions.repository.js';
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
    private readonly identity: IssuerIdentityService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  async create(request: CreateInstitutionRequest): Promise<Institution> {
    const id = randomUUID();
    const did = await this.identity.createDid(`institution:${id}`);
    const entity = await this.repository.insert({
      id,
      name: request.name,
      url: request.url,
      imageUrl: request.image ?? null,
      did,
      createdAt: new Date(),
    });
    this.logger.log(`Institution ${id} created with ${did}`);
    return toInstitution(entity);
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
    if (after !== undefined && !cursor) throw RequestError.invalidParameter('after', 'the cursor of a registry page\'s next link');
    const entities = await this.repository.listAfter(cursor, this.config.registryPageSize + 1);
    const page = entities.slice(0, this.config.registryPageSize);
    const last = page.at(-1);
    return {
      type: 'IssuerRegistry',
      version: 1,
      institutions: page.map(({ did, name, url }) => ({ did, name, url })),
      ...(entities.length > page.length && last ? { next: `?after=${encodeRegistryCursor(last)}` } : {}),
    };
  }

  async get(id: string): Promise<Institution> {
    return toInstitution(await this.require(id));
  }

  async createApiKey(institutionId: string, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    await this.require(institutionId);
    const { key, prefix, secretHash } = generateApiKey();
    const entity = await this.repository.insertApiKey({
      id: randomUUID(),
      institutionId,
      prefix,
      secretHash,
      label: request.label ?? 'default',
      createdAt: new Date(),
    });
    this.logger.log(`API key ${entity.id} (${prefix}) created for institution ${institutionId}`);
    return { id: entity.id, institutionId, label: entity.label, apiKey: key, createdAt: entity.createdAt.toISOString() };
  }

  /** The institution an API key belongs to; any unknown, malformed or mismatched key is refused alike. */
  async authenticate(key: string): Promise<Institution> {
    const parsed = parseApiKey(key);
    const found = parsed && (await this.repository.findApiKey(parsed.prefix));
    if (!parsed || !found || !secretMatches(parsed.secret, found.apiKey.secretHash)) throw InstitutionError.apiKeyInvalid();
    return toInstitution(found.institution);
  }

  private async require(id: string): Promise<InstitutionEntity> {
    const entity = await this.repository.findById(id);
    if (!entity) throw InstitutionError.notFound(id);
    return entity;
  }
}

function toInstitution(entity: InstitutionEntity): Institution {
  return {
    id: entity.id,
    name: entity.name,
    url: entity.url,
    ...(entity.imageUrl ? { image: entity.imageUrl } : {}),
    did: entity.did,
    createdAt: entity.createdAt.toISOString(),
  };
}
