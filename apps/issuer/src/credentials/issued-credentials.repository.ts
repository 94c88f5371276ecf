import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { IssuedCredentialEntity } from './issued-credential.entity.js';

/** Every query here is scoped by institution: no method reads another institution's rows. */
@Injectable()
export class IssuedCredentialsRepository {
  private readonly credentials: Repository<IssuedCredentialEntity>;

  constructor(dataSource: DataSource) {
    this.credentials = dataSource.getRepository(IssuedCredentialEntity);
  }

  async insert(credential: IssuedCredentialEntity): Promise<void> {
    await this.credentials.insert(credential);
  }

  findOne(institutionId: string, id: string): Promise<IssuedCredentialEntity | null> {
    return this.credentials.findOneBy({ institutionId, id });
  }

  /** Newest first, a page at a time. */
  list(institutionId: string, limit: number, offset: number): Promise<IssuedCredentialEntity[]> {
    return this.credentials.find({ where: { institutionId }, order: { issuedAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }
}
