import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a database, optionally as a copy of a template (which must have no open connections). */
export function createDatabase(serverUrl: string, name: string, options: { template?: string } = {}): Promise<void> {
  const template = options.template ? ` TEMPLATE ${quoteIdentifier(options.template)}` : '';
  return withServer(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}${template}`);
  });
}

export function dropDatabase(serverUrl: string, name: string): Promise<void> {
  return withServer(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}

/** Whether a Postgres answers at this URL within the timeout. */
export async function canConnect(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A Postgres server for tests and benchmarks: `configuredUrl` (DATABASE_URL) if given, else the one
 * development machines and CI run on 127.0.0.1:5432 if it answers, else an embedded one in a folder it asks for.
 */
export async function findPostgresServer(
  configuredUrl: string | undefined,
  embeddedDataDir: () => string,
): Promise<{ url: string; stop(): Promise<void> }> {
  if (configuredUrl) return { url: configuredUrl, stop: async () => undefined };
  if (await canConnect(MACHINE_POSTGRES)) return { url: MACHINE_POSTGRES, stop: async () => undefined };
  return startEmbeddedPostgres({ dataDir: embeddedDataDir() });
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
