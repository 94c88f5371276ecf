import { ConfigurationError } from '#service-kit';
import { randomBytes } from 'node:crypto';
import { createIssuerApp } from '../src/issuer.app.js';
import { loadIssuerConfig } from '../src/issuer.config.js';
import { StrictSecretBox } from '../src/identity/key-encryption.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { adminAuth, createApiKey, requestCredential } from '../../../test/factories/index.js';
import { chainEnv, listeningIssuer, postJson, testIssuerConfig } from '../../../test/stack.js';

let database: TestDatabase;
const secret = randomBytes(32).toString('hex');

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => database.drop());

async function storedPrivateKeys(): Promise<string[]> {
  return (await database.query('SELECT "privateKeyHex" AS k FROM "private-key"')).rows.map((row) => row.k as string);
}

it("stores institutions' signing keys encrypted, and decrypts them with the same secret", async () => {
  const issuer = await listeningIssuer(testIssuerConfig(database.url, { KEY_ENCRYPTION_SECRET: secret }));
  const created = await postJson(
    `${issuer.issuerUrl}/v1/admin/institutions`,
    { name: 'Keyed', url: 'https://keyed.example' },
    adminAuth(issuer),
  );
  expect(created.status).toBe(201);
  await issuer.app.close();

  const [ciphertext] = await storedPrivateKeys();
  const plain = await new StrictSecretBox(secret).decrypt(ciphertext);
  expect(plain).toMatch(/^[0-9a-f]{64}$/);
  expect(ciphertext).not.toContain(plain);
});

it('refuses to start with a different secret: a clear error, not an empty key', async () => {
  const wrong = testIssuerConfig(database.url, { KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex') });
  await expect(createIssuerApp(wrong)).rejects.toMatchObject({ code: 'KEY_DECRYPTION_FAILED' });
});

it('refuses to start without a secret, or with a malformed one', () => {
  const env = { ...chainEnv(), DATABASE_URL: database.url, ADMIN_TOKEN: 'a'.repeat(32) };
  expect(() => loadIssuerConfig(env)).toThrow(ConfigurationError);
  expect(() => loadIssuerConfig(env)).toThrow(/KEY_ENCRYPTION_SECRET is required/);
  expect(() => loadIssuerConfig({ ...env, KEY_ENCRYPTION_SECRET: 'not-hex' })).toThrow(/KEY_ENCRYPTION_SECRET must be 64 hex characters/);
});

it('starts again with the right secret and signs with the stored key', async () => {
  const issuer = await listeningIssuer(testIssuerConfig(database.url, { KEY_ENCRYPTION_SECRET: secret }));
  const [institution] = (await (await fetch(`${issuer.issuerUrl}/v1/admin/institutions`, { headers: adminAuth(issuer) })).json()) as {
    id: string;
  }[];
  const issued = await requestCredential(issuer, { apiKey: await createApiKey(issuer, institution.id) });
  expect(issued.status).toBe(201);
  await issuer.app.close();
});
