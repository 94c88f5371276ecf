import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';
import { InstitutionEntity } from './institution.entity.js';
import type { RegistryCursor } from './registry-cursor.js';

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

  /** Oldest first, ties by id: an order that new institutions only extend. */
  list(page: { limit: number; offset: number }): Promise<InstitutionEntity[]> {
    return this.institutions.find({ order: { createdAt: 'ASC', id: 'ASC' }, take: page.limit, skip: page.offset });
  }

  /** The same order, from just after `after`: a page that institutions created meanwhile cannot shift. */
  listAfter(after: RegistryCursor | undefined, limit: number): Promise<InstitutionEntity[]> {
    const query = this.institutions.createQueryBuilder('institution').orderBy('institution.created_at', 'ASC').addOrderBy('institution.id', 'ASC').limit(limit);
    if (after) query.where('(institution.created_at, institution.id) > (:createdAt, :id)', after);
    return query.getMany();
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
