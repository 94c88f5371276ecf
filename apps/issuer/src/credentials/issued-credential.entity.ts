import type { CredentialKind } from '#schemas';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `issued`: signed and stored, waiting for its batch; `anchored`: its batch is confirmed on chain. */
export type IssuedCredentialState = 'issued' | 'anchored';

/** What the issuer keeps about each credential it signed. */
@Entity('issued_credentials')
export class IssuedCredentialEntity {
  /** The credential's own `id`, a random `urn:uuid:`. */
  @PrimaryColumn('text')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('text')
  kind!: CredentialKind;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt!: Date;

  /** The signed VC-JWT exactly as returned to the institution. */
  @Column('text')
  jwt!: string;

  /** keccak256 of the JWT's UTF-8 bytes, 0x-hex: the leaf that anchoring will roll into a Merkle tree. */
  @Column('text', { name: 'signed_hash' })
  signedHash!: string;

  /** Lifecycle state. */
  @Column('text')
  state!: IssuedCredentialState;
}
