import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a verification link points at: the signed credential itself and, once known, its anchor receipt. */
export interface LinkRecord {
  code: string;
  /** The credential as signed: the compact JWS of a JWT format, the JSON document of an `ldp_vc`. */
  credential: string | Record<string, unknown>;
  anchorReceipt?: unknown;
  createdAt: string;
}

export const LINK_CODE = /^[A-Za-z0-9_-]{16}$/;

/**
 * The verifier's own copies of linked credentials, one JSON file each in LINK_STORE_DIR (in memory
 * when unset, as in tests), so a link keeps working when the issuer is down: the credential, its
 * receipt and the chain are all the page needs.
 */
export class LinkStore {
  private readonly memory = new Map<string, LinkRecord>();

  constructor(private readonly dir?: string) {
    if (dir) mkdirSync(dir, { recursive: true });
  }

  get(code: string): LinkRecord | undefined {
    if (!LINK_CODE.test(code)) return undefined;
    if (!this.dir) return this.memory.get(code);
    try {
      return JSON.parse(readFileSync(this.fileOf(code), 'utf8')) as LinkRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Written whole to a temporary file, then renamed: a crash never leaves half a record. */
  put(record: LinkRecord): void {
    if (!this.dir) {
      this.memory.set(record.code, record);
      return;
    }
    const file = this.fileOf(record.code);
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }

  private fileOf(code: string): string {
    return path.join(this.dir!, `${code}.json`);
  }
}
