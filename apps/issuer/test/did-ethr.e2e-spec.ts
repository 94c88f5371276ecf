import { unwrapEnvelopedCredential, verifyVcJwt } from '#identity';
import { freePort, LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import type { INestApplication } from '@nestjs/common';
import { verifyCredential as verifyWithDidJwtVc } from 'did-jwt-vc';
import { computeAddress, JsonRpcProvider } from 'ethers';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import {
  createInstitution,
  type CredentialRequest,
  issueCredential,
  stackResolver,
  stackVerifiers,
} from '../../../test/factories/index.js';
import { postJson, testIssuerConfig, testSecrets, testWorkerEnv } from '../../../test/stack.js';
import { testEnvironment } from '../../../test/test-environment.js';
import { until } from '../../../test/until.js';
import { createIssuerApp } from '../src/issuer.app.js';

// The did:ethr names the did:web through an ERC-1056 attribute, and rotates its owner key through a
// relayed changeOwner: both signed by the DID's owner key (its address holds no ether) and sent, and
// paid for, by the instance holding the funded anchoring key, from a queue that outlives restarts.

const env = testEnvironment();
const provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true });
const FUNDED_KEY = LOCAL_CHAIN_FUNDED_KEYS[3];
const SECRETS = testSecrets();

let database: TestDatabase;
let port: number;
const running: INestApplication[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  port = await freePort();
});

afterAll(async () => {
  for (const app of running) await app.close();
  await database.drop();
  provider.destroy();
});

/** An issuer on this file's database, with or without the funded key, one at a time at the same public URL, as after a restart. */
async function issuer(withKey: boolean, atPort = port): Promise<{ url: string; app: INestApplication }> {
  const url = `http://localhost:${atPort}`;
  const config = testIssuerConfig(database.url, {
    ...SECRETS,
    ISSUER_PORT: String(atPort),
    ISSUER_PUBLIC_URL: url,
    ...(withKey ? testWorkerEnv(FUNDED_KEY, 10) : {}),
  });
  const app = await createIssuerApp(config);
  await app.listen(atPort, '127.0.0.1');
  running.push(app);
  return { url, app };
}

async function stop(app: INestApplication): Promise<void> {
  await app.close();
  running.splice(running.indexOf(app), 1);
}

const admin = { Authorization: `Bearer ${SECRETS.ADMIN_TOKEN}` };

async function changesOf(url: string, id: string): Promise<Record<string, any>[]> {
  return (await (await fetch(`${url}/v1/admin/institutions/${id}/did-ethr/changes`, { headers: admin })).json()) as Record<string, any>[];
}

const ethrDocument = async (did: string) => (await stackResolver().resolve(did)).didDocument!;

it('links the did:ethr to the did:web once an instance with the funded key runs, and rotates its owner key', async () => {
  // An instance without the key creates the institution: the link waits in the queue.
  const idle = await issuer(false);
  const institution = await createInstitution(
    { issuerUrl: idle.url, adminToken: SECRETS.ADMIN_TOKEN },
    { name: 'Linked University', url: 'https://linked.example' },
  );
  const { id, did, didWeb } = institution;
  expect(await changesOf(idle.url, id)).toEqual([expect.objectContaining({ kind: 'also-known-as', state: 'pending', value: didWeb })]);
  expect((await ethrDocument(did)).service).toBeUndefined();
  await stop(idle.app);

  // The instance with the key sends it, signed by the DID's own key; the DID's address pays nothing.
  const worker = await issuer(true);
  const [link] = await until(async () => {
    const changes = await changesOf(worker.url, id);
    return changes[0].state === 'done' ? changes : undefined;
  }, 'the link');
  expect(link.txHash).toMatch(/^0x[0-9a-f]{64}$/);
  const identity = computeAddress(did.split(':').at(-1)!);
  expect(await provider.getBalance(identity)).toBe(0n);
  const linked = await ethrDocument(did);
  expect(linked.service).toEqual([{ id: `${did}#service-1`, type: 'AlsoKnownAs', serviceEndpoint: didWeb }]);
  const webDocument = (await stackResolver().resolve(didWeb)).didDocument!;
  expect(webDocument.alsoKnownAs).toEqual([did]);

  const issue = (ask: CredentialRequest) => issueCredential({ issuerUrl: worker.url }, institution, ask);
  const before = await issue({ format: 'vc-jwt' });
  expect((await verifyWithDidJwtVc(before.verifiableCredential.proof.jwt, stackResolver())).issuer).toBe(did);
  const ownerBefore = (linked.verificationMethod ?? []).find((method) => method.id === `${did}#controller`)?.blockchainAccountId;

  // Rotation: a relayed changeOwner to a fresh key; VC-JWTs are signed with it once the chain has it.
  const rotation = await postJson(`${worker.url}/v1/admin/institutions/${id}/did-ethr/rotate-key`, {}, admin);
  expect(rotation.status).toBe(202);
  expect(rotation.body).toMatchObject({ kind: 'change-owner', state: 'pending' });
  await until(async () => ((await changesOf(worker.url, id)).at(-1)!.state === 'done' ? true : undefined), 'the rotation');
  const rotated = await ethrDocument(did);
  const ownerAfter = (rotated.verificationMethod ?? []).find((method) => method.id === `${did}#controller`)?.blockchainAccountId;
  expect(ownerAfter).not.toBe(ownerBefore);
  expect(rotated.service).toEqual(linked.service);

  const after = await issue({ format: 'vc-jwt' });
  expect((await verifyWithDidJwtVc(after.verifiableCredential.proof.jwt, stackResolver())).issuer).toBe(did);
  const jose = await issue({ format: 'vc+jwt', issuer: did });
  expect(
    await verifyVcJwt(unwrapEnvelopedCredential(jose.verifiableCredential), { resolveKey: stackVerifiers().resolveKey }),
  ).toMatchObject({
    status: 'valid',
    signer: did,
  });
  // What the old key signed no longer verifies against the DID as it stands now (a verifier that reads
  // the key history at the anchor block tells the two apart).
  await expect(verifyWithDidJwtVc(before.verifiableCredential.proof.jwt, stackResolver())).rejects.toThrow();
  await stop(worker.app);
});

it('refuses a rotation for an institution that does not exist', async () => {
  const { url } = await issuer(false, await freePort());
  const response = await postJson(`${url}/v1/admin/institutions/00000000-0000-4000-8000-000000000000/did-ethr/rotate-key`, {}, admin);
  expect([response.status, response.body.error.code]).toEqual([404, 'INSTITUTION_NOT_FOUND']);
});
