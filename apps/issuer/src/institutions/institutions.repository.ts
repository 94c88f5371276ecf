import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RegistryCursor } from './registry-cursor.js';

/** A registrar, college or platform that issues credentials under its own did:ethr, as stored. */
export interface InstitutionRecord {
  id: string;
  name: string;
  url: string;
  imageUrl: string | null;
  /** The institution's did:ethr; its key lives in Veramo's encrypted key store. */
  did: string;
  /** Names the institution's did:web for good (see institution-slug.ts). */
  slug: string;
  /** Set by the service, in milliseconds as JavaScript keeps them, so a registry cursor compares exactly. */
  createdAt: Date;
}

interface InstitutionRow {
  id: string;
  name: string;
  url: string;
  image_url: string | null;
  did: string;
  slug: string;
  created_at: Date;
}

const COLUMNS = 'id, name, url, image_url, did, slug, created_at';

const toInstitution = (row: InstitutionRow): InstitutionRecord => ({
  id: row.id,
  name: row.name,
  url: row.url,
  imageUrl: row.image_url,
  did: row.did,
  slug: row.slug,
  createdAt: row.created_at,
});

/** Postgres's unique_violation, as the slug's unique constraint raises it. */
const isSlugTaken = (error: unknown): boolean =>
  (error as { code?: unknown })?.code === '23505' && (error as { constraint?: unknown }).constraint === 'institutions_slug_key';

/** The `institutions` table. */
@Injectable()
export class InstitutionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new institution; false when another one has its slug already. */
  async insert(institution: InstitutionRecord): Promise<boolean> {
    try {
      await this.dataSource.query(`INSERT INTO institutions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        institution.id,
        institution.name,
        institution.url,
        institution.imageUrl,
        institution.did,
        institution.slug,
        institution.createdAt,
      ]);
      return true;
    } catch (error) {
      if (isSlugTaken(error)) return false;
      throw error;
    }
  }

  async slugTaken(slug: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM institutions WHERE slug = $1`, [slug]);
    return rows.length > 0;
  }

  async findBySlug(slug: string): Promise<InstitutionRecord | null> {
    const rows: InstitutionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM institutions WHERE slug = $1`, [slug]);
    return rows.length ? toInstitution(rows[0]) : null;
  }

  async findByDid(did: string): Promise<InstitutionRecord | null> {
    const rows: InstitutionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM institutions WHERE did = $1`, [did]);
    return rows.length ? toInstitution(rows[0]) : null;
  }

  async findById(id: string): Promise<InstitutionRecord | null> {
    const rows: InstitutionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM institutions WHERE id = $1`, [id]);
    return rows.length ? toInstitution(rows[0]) : null;
  }

  /** Oldest first, ties by id: an order that new institutions only extend. */
  async list(page: { limit: number; offset: number }): Promise<InstitutionRecord[]> {
    const rows: InstitutionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM institutions ORDER BY created_at, id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    );
    return rows.map(toInstitution);
  }

  /** The same order, from just after `after`: a page that institutions created meanwhile cannot shift. */
  async listAfter(after: RegistryCursor | undefined, limit: number): Promise<InstitutionRecord[]> {
    const rows: InstitutionRow[] = after
      ? await this.dataSource.query(
          `SELECT ${COLUMNS} FROM institutions WHERE (created_at, id) > ($1, $2::uuid) ORDER BY created_at, id LIMIT $3`,
          [after.createdAt, after.id, limit],
        )
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM institutions ORDER BY created_at, id LIMIT $1`, [limit]);
    return rows.map(toInstitution);
  }
}
