import { Logger } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';

// Any fixed 64-bit number, the same for every issuer instance sharing the database.
const ANCHORING_LOCK_KEY = '7305166420917712001';

/**
 * Exactly one worker sends anchor transactions at a time: the one holding a Postgres session-level
 * advisory lock on its own connection. If that connection drops (Postgres restarted), the lock is
 * gone with it, and `held()` reports so before the worker acts again.
 */
export class AnchoringLock {
  private readonly logger = new Logger(AnchoringLock.name);
  private session?: QueryRunner;

  constructor(private readonly dataSource: DataSource) {}

  /** Whether this instance holds the lock now, taking it if it is free. */
  async held(): Promise<boolean> {
    if (this.session && (await this.alive(this.session))) return true;
    await this.release();
    const session = this.dataSource.createQueryRunner();
    await session.connect();
    const [{ locked }] = (await session.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [ANCHORING_LOCK_KEY])) as {
      locked: boolean;
    }[];
    if (!locked) {
      await session.release();
      return false;
    }
    this.session = session;
    this.logger.log('Holding the anchoring lock: this instance sends anchor transactions');
    return true;
  }

  async release(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    await session.query('SELECT pg_advisory_unlock($1::bigint)', [ANCHORING_LOCK_KEY]).catch(() => undefined);
    await session.release().catch(() => undefined);
  }

  private async alive(session: QueryRunner): Promise<boolean> {
    try {
      await session.query('SELECT 1');
      return true;
    } catch {
      this.logger.warn('Lost the anchoring lock with its database connection');
      return false;
    }
  }
}
