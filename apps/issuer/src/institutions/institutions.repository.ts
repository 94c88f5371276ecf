import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';
import { InstitutionEntity } from './institution.entity.js';

@Injectable()
export class InstitutionsRepository {
  private readonly institutions: Repository<InstitutionEntity>;
  private readonly apiKeys: Repository<ApiKeyEntity>;

  constructor(dataSource: DataSource) {
    this.institutions = dataSource.getRepository(InstitutionEntity);
    this.apiKeys = dataSource.getRepository(ApiKeyEntity);
  }

  insert(institution: InstitutionEntity): Promise<InstitutionEntity> {
    return this.institutions.save(institution);
  }

  findById(id: string): Promise<InstitutionEntity | null> {
    return this.institutions.findOneBy({ id });
  }

  list(): Promise<InstitutionEntity[]> {
    return this.institutions.find({ order: { createdAt: 'ASC' } });
  }

  insertApiKey(apiKey: ApiKeyEntity): Promise<ApiKeyEntity> {
    return this.apiKeys.save(apiKey);
  }

  /** The key with this public prefix together with its institution, or null. */
  async findApiKey(prefix: string): Promise<{ apiKey: ApiKeyEntity; institution: InstitutionEntity } | null> {
    const apiKey = await this.apiKeys.findOneBy({ prefix });
    if (!apiKey) return null;
    const institution = await this.institutions.findOneByOrFail({ id: apiKey.institutionId });
    return { apiKey, institution };
  }
}
