import type { INestApplication } from '@nestjs/common';
import { ANCHOR_CONTRACT, type DeployableContract, DID_REGISTRY, ensureDeployed } from '#anchoring';
import {
  freePort,
  LOCAL_CHAIN_FUNDED_KEYS,
  type LocalChain,
  startEmbeddedPostgres,
  startLocalChain,
  type EmbeddedDatabase,
  createSelfSignedCertificate,
  type TlsCertificate,
} from '#local-stack';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createIssuerApp } from '../apps/issuer/src/issuer.app.js';
import { loadIssuerConfig } from '../apps/issuer/src/issuer.config.js';
import { createVerifierApp } from '../apps/verifier/src/verifier.app.js';
import { loadVerifierConfig } from '../apps/verifier/src/verifier.config.js';
import { type DemoAlliance, demoAlliance } from './demo-alliance.js';
import { requestJson } from './issuer-client.js';
import type { EmbeddedConfig } from './embedded.config.js';

/** Binds reached on this machine as `localhost`. */
const LOOPBACK_BINDS = ['127.0.0.1', '0.0.0.0', 'localhost'];

/** Secrets the embedded default generates once and keeps in its data folder (development only). */
interface LocalSecrets {
  keyEncryptionSecret: string;
  adminToken: string;
}

/** The demo institution created on first run, with its API key, kept so every start can print it. */
export interface DemoInstitution {
  id: string;
  did: string;
  apiKey: string;
}

export interface EmbeddedStack {
  chainRpcUrl: string;
  anchorContract: string;
  issuerUrl: string;
  verifierUrl: string;
  adminToken: string;
  demo: DemoInstitution;
  alliance: DemoAlliance;
  stop(): Promise<void>;
}

/**
 * Brings everything up in order: the chain (state kept in the data folder), the DID registry
 * (deployed on first run), Postgres (DATABASE_URL or embedded), the issuer (which migrates), the
 * verifier, the demo institution, and the demo alliance with its published policy. Stops whatever it started, in reverse, on failure or stop().
 */
export async function startEmbeddedStack(config: EmbeddedConfig, log: (line: string) => void): Promise<EmbeddedStack> {
  const stoppers: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch((error: Error) => log(`stop failed: ${error.message}`));
  };
  try {
    mkdirSync(config.dataDir, { recursive: true });
    const secrets = readOrCreate<LocalSecrets>(path.join(config.dataDir, 'secrets.json'), () => ({
      keyEncryptionSecret: randomBytes(32).toString('hex'),
      adminToken: randomBytes(24).toString('base64url'),
    }));

    // A block a second, as on a real chain, so anchored batches gather confirmations.
    const chain = await startLocalChain({
      port: config.chainPort,
      stateFile: path.join(config.dataDir, 'chain', 'state.json'),
      blockTimeSeconds: 1,
    });
    stoppers.push(() => chain.stop());
    const { didRegistry, anchorContract } = await deployOnce(chain, path.join(config.dataDir, 'chain', 'deployments.json'), log);

    const database = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
    if (database) stoppers.push(() => database.stop());
    const databaseUrl = config.databaseUrl ?? (database as EmbeddedDatabase).url;
    log(database ? 'Postgres: embedded, data in ' + path.join(config.dataDir, 'postgres') : 'Postgres: DATABASE_URL');

    const shared = {
      CHAIN_RPC_URL: chain.rpcUrl,
      CHAIN_ID: String(chain.chainId),
      DID_REGISTRY_ADDRESS: didRegistry,
      ANCHOR_CONTRACT_ADDRESS: anchorContract,
      LOG_LEVEL: config.logLevel,
    };
    // Known before the apps start: credentials name their lists and package under the issuer's
    // URL, and verification links point at the verifier's.
    const issuerPort = config.issuerPort || (await freePort());
    const verifierPort = config.verifierPort || (await freePort());
    // Credentials name the issuer by a host name, as in production, so development fetches status
    // lists and packages through name resolution too, never only through an IP literal.
    const tls = config.httpsSelfSigned ? await localCertificate(path.join(config.dataDir, 'tls')) : undefined;
    const issuerPublicUrl = `${tls ? 'https' : 'http'}://${LOOPBACK_BINDS.includes(config.host) ? 'localhost' : config.host}:${issuerPort}`;
    const issuer = await listen(
      await createIssuerApp(
        loadIssuerConfig({
          ...shared,
          ISSUER_HOST: config.host,
          ISSUER_PORT: String(issuerPort),
          ISSUER_PUBLIC_URL: issuerPublicUrl,
          VERIFIER_URL: `http://${config.host}:${verifierPort}`,
          DATABASE_URL: databaseUrl,
          KEY_ENCRYPTION_SECRET: secrets.keyEncryptionSecret,
          ADMIN_TOKEN: secrets.adminToken,
          // A well-known development account of the local chain pays for anchoring.
          ANCHORING_PRIVATE_KEY: LOCAL_CHAIN_FUNDED_KEYS[1],
          ANCHOR_BATCH_MAX_AGE_SECONDS: '5',
          // The credit bank checks deposits from this issuer's own institutions, on loopback.
          CREDIT_BANK_ALLOW_PRIVATE_NETWORK_FETCH: 'true',
        }),
        tls && { cert: tls.cert, key: tls.key },
      ),
      config.host,
      issuerPort,
    );
    stoppers.push(() => issuer.app.close());
    const verifier = await listen(
      // Development: the credentials it checks name the issuer on loopback, and a status change
      // shows at the next verification rather than after a cached list expires.
      await createVerifierApp(
        loadVerifierConfig({
          ...shared,
          VERIFIER_HOST: config.host,
          VERIFIER_PORT: String(verifierPort),
          ALLOW_PRIVATE_NETWORK_FETCH: 'true',
          LINK_STORE_DIR: path.join(config.dataDir, 'verifier-links'),
          STATUS_LIST_CACHE_SECONDS: '0',
          // It trusts the institutions of this issuer, and keeps them in its store across restarts.
          TRUST_REGISTRY_URLS: `${issuerPublicUrl}/v1/registry`,
          TRUST_STORE_FILE: path.join(config.dataDir, 'verifier-trust.json'),
          TRUST_REGISTRY_MISS_REFRESH_SECONDS: '0',
          // It fetches the issuer's lists, DID documents and registry over https, trusting its certificate.
          ...(tls ? { FETCH_CA_FILE: tls.certFile } : {}),
        }),
      ),
      config.host,
      verifierPort,
    );
    stoppers.push(() => verifier.app.close());

    const demo = await demoInstitution(path.join(config.dataDir, 'demo-institution.json'), issuerPublicUrl, secrets.adminToken, tls?.cert);
    const alliance = await demoAlliance(
      path.join(config.dataDir, 'demo-alliance.json'),
      issuerPublicUrl,
      secrets.adminToken,
      demo,
      tls?.cert,
    );
    return {
      chainRpcUrl: chain.rpcUrl,
      anchorContract,
      issuerUrl: issuerPublicUrl,
      verifierUrl: verifier.url,
      adminToken: secrets.adminToken,
      demo,
      alliance,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A certificate for the issuer on this machine, made afresh at each start; written to the data
 * folder (cert.pem, key.pem) so that clients can trust it, e.g. `curl --cacert .data/tls/cert.pem`.
 */
async function localCertificate(dir: string): Promise<TlsCertificate & { certFile: string }> {
  const certificate = await createSelfSignedCertificate();
  mkdirSync(dir, { recursive: true });
  const certFile = path.join(dir, 'cert.pem');
  writeFileSync(certFile, certificate.cert);
  writeFileSync(path.join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
  return { ...certificate, certFile };
}

async function listen(app: INestApplication, host: string, port: number): Promise<{ app: INestApplication; url: string }> {
  await app.listen(port, host);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${host}:${address.port}` };
}

interface Deployments {
  didRegistry: string;
  anchorContract: string;
}

/** The chain keeps its state in the data folder, so each contract is deployed once and reused. */
async function deployOnce(chain: LocalChain, recordFile: string, log: (line: string) => void): Promise<Deployments> {
  const known: Partial<Deployments> = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : {};
  const ensure = async (contract: DeployableContract, knownAddress?: string) => {
    const { address, deployed } = await ensureDeployed(chain.rpcUrl, chain.chainId, LOCAL_CHAIN_FUNDED_KEYS[0], contract, knownAddress);
    if (deployed) log(`${contract.name} deployed at ${address}`);
    return address;
  };
  const deployments = {
    didRegistry: await ensure(DID_REGISTRY, known.didRegistry),
    anchorContract: await ensure(ANCHOR_CONTRACT, known.anchorContract),
  };
  writeFileSync(recordFile, JSON.stringify(deployments, null, 2));
  return deployments;
}

/** Created through the admin API on first run, like any institution; read back afterwards. */
async function demoInstitution(recordFile: string, issuerUrl: string, adminToken: string, ca?: string): Promise<DemoInstitution> {
  if (existsSync(recordFile)) return JSON.parse(readFileSync(recordFile, 'utf8')) as DemoInstitution;
  const admin = { Authorization: `Bearer ${adminToken}` };
  const institution = await requestJson<{ id: string; did: string }>(
    'POST',
    `${issuerUrl}/v1/admin/institutions`,
    admin,
    { name: 'Demo University', url: 'https://demo-university.example' },
    ca,
  );
  const { apiKey } = await requestJson<{ apiKey: string }>(
    'POST',
    `${issuerUrl}/v1/admin/institutions/${institution.id}/api-keys`,
    admin,
    { label: 'demo' },
    ca,
  );
  const demo = { id: institution.id, did: institution.did, apiKey };
  writeFileSync(recordFile, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}

function readOrCreate<T>(file: string, create: () => T): T {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = create();
  writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600 });
  return value;
}
