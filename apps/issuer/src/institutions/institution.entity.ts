import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registrar, college or platform that issues credentials under its own did:ethr. */
@Entity('institutions')
export class InstitutionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  url!: string;

  @Column('text', { name: 'image_url', nullable: true })
  imageUrl!: string | null;

  /** The institution's did:ethr; its key lives in Veramo's encrypted key store. */
  @Column('text', { unique: true })
  did!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
