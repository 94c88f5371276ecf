import { createDatabase, databaseUrl, dropDatabase } from '#local-stack';
import { randomBytes } from 'node:crypto';
import { testEnvironment } from './test-environment.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, cloned from the migrated template; empty with
 * `migrated: false`, for a test that migrates it step by step.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const { postgresServerUrl, templateDatabase } = testEnvironment();
  const name = `lc_test_${randomBytes(6).toString('hex')}`;
  await createDatabase(postgresServerUrl, name, migrated ? { template: templateDatabase } : {});
  return { url: databaseUrl(postgresServerUrl, name), drop: () => dropDatabase(postgresServerUrl, name) };
}
