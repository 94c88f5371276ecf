import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An institution's API key. Only a SHA-256 of its secret part is kept: the key is shown once, at
 * creation. The random 256-bit secret makes a slow hash unnecessary.
 */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  /** Public, unique part of the key, used to find the row without scanning hashes. */
  @Column('text', { unique: true })
  prefix!: string;

  @Column('bytea', { name: 'secret_hash' })
  secretHash!: Buffer;

  @Column('text')
  label!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
