import { ANCHOR_CONTRACT, AnchorWriter, MerkleTree, receiptProblem } from '#anchoring';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { Contract, hexlify, JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SignedCredentialFormat, validateAnchorReceipt } from '#schemas';
import { AnchorBatchesRepository } from '../src/anchoring/anchor-batches.repository.js';
import { AnchorLeavesRepository } from '../src/anchoring/anchor-leaves.repository.js';
import { AnchorTransactionsRepository } from '../src/anchoring/anchor-transactions.repository.js';
import { openIssuerDatabase } from '../src/database/data-source.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import {
  anchorByHand,
  anchoredReceipt,
  checkBySnippet,
  createInstitution,
  dataIntegrityCredential,
  issueCredentials,
  jwtOf,
  receiptOf,
  type TestInstitution,
} from '../../../test/factories/index.js';
import { createTestDatabase } from '../../../test/database.js';
import {
  listeningIssuer,
  listeningVerifier,
  postJson,
  startTestStack,
  testIssuerConfig,
  testSecrets,
  type TestStack,
  testWorkerEnv,
} from '../../../test/stack.js';
import { testEnvironment } from '../../../test/test-environment.js';
import { until as waitUntil } from '../../../test/until.js';

const REPOSITORY = fileURLToPath(new URL('../../..', import.meta.url));
const SNIPPET = path.join(REPOSITORY, 'docs', 'check-receipt.mjs');

// Its own funded account: no other test sends from it, so its nonces are this file's alone.
const ANCHORING_KEY = LOCAL_CHAIN_FUNDED_KEYS[2];
const WORKER = testWorkerEnv(ANCHORING_KEY, 5);

const env = testEnvironment();
const provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true });
const anchor = new Contract(env.anchorContract, ANCHOR_CONTRACT.abi, provider);
afterAll(() => provider.destroy());

/** Credit credentials as VC-JWTs, with their ids and JWTs. */
async function issue(stack: TestStack, institution: TestInstitution, count: number): Promise<{ id: string; jwt: string }[]> {
  return (await issueCredentials(stack, institution, count, { kind: 'credit', format: 'vc-jwt' })).map((issued) => ({
    id: issued.id,
    jwt: jwtOf(issued),
  }));
}

/** The test chain mines only on transactions: mine empty blocks so batches gather confirmations. */
const until = <T>(probe: () => Promise<T | undefined>, what: string) => waitUntil(probe, what, { mining: provider });

async function anchorEvents(root: string): Promise<number> {
  return (await anchor.queryFilter(anchor.filters.RootAnchored(root))).length;
}

describe('the anchoring worker', () => {
  let stack: TestStack;
  let institution: TestInstitution;

  beforeAll(async () => {
    stack = await startTestStack(WORKER);
    institution = await createInstitution(stack);
  });
  afterAll(() => stack.close());

  it('anchors every credential in batches and stores a receipt that checks against the signed bytes and the chain', async () => {
    const issued = await issue(stack, institution, 7);
    const receipts = [];
    for (const credential of issued) receipts.push(await anchoredReceipt(stack, credential.id, provider));

    // Seven credentials, at most five a batch: two batches or more, as they arrived.
    expect(new Set(receipts.map((r) => r.root)).size).toBeGreaterThanOrEqual(2);
    for (const [i, receipt] of receipts.entries()) {
      expect(await receiptProblem(receipt, { format: 'vc-jwt', bytes: issued[i].jwt })).toBeNull();
      expect(receipt).toMatchObject({ chainId: env.chainId, contract: env.anchorContract });
      expect(Number(await anchor.anchoredBlock(receipt.root))).toBe(receipt.blockNumber);
      expect((await provider.getTransactionReceipt(receipt.txHash))?.blockNumber).toBe(receipt.blockNumber);
    }
    for (const root of new Set(receipts.map((r) => r.root))) expect(await anchorEvents(root)).toBe(1);
  });

  it('serves the receipt by leaf and a package of credential and receipt', async () => {
    const [credential] = await issue(stack, institution, 1);
    const receipt = await anchoredReceipt(stack, credential.id, provider);
    const byLeaf = await fetch(`${stack.issuerUrl}/v1/anchors/leaves/${receipt.leaf}`);
    expect(await byLeaf.json()).toEqual(receipt);
    const packaged = await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(credential.id)}/package`);
    expect(packaged.headers.get('content-disposition')).toContain('attachment');
    const body = (await packaged.json()) as { verifiableCredential: { proof: { jwt: string } }; anchorReceipt: unknown };
    expect(body.verifiableCredential.proof.jwt).toBe(credential.jwt);
    expect(body.anchorReceipt).toEqual(receipt);
    expect(validateAnchorReceipt(receipt)).toEqual([]);
  });

  it("checks with nothing but ethers and an RPC, by the README's own snippet", async () => {
    const [credential] = await issue(stack, institution, 1);
    await anchoredReceipt(stack, credential.id, provider);
    const packaged = await (await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(credential.id)}/package`)).text();
    const run = (confirmations: string, text = packaged) => checkBySnippet(text, env.chainRpcUrl, confirmations);
    const ok = await run('2');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^anchored in block \d+ \(\d+ confirmations\)/);
    expect((await run('100000')).stderr).toContain('confirmations');

    const tampered = JSON.parse(packaged);
    tampered.anchorReceipt.proof.push(tampered.anchorReceipt.root);
    expect((await run('2', JSON.stringify(tampered))).stderr).toContain('proof does not lead to the root');

    expect(readFileSync(path.join(REPOSITORY, 'README.md'), 'utf8')).toContain(readFileSync(SNIPPET, 'utf8'));
  });

  it('writes version 2 receipts, and still checks version 1 receipts kept from before, by the snippet and by the verifier', async () => {
    const [credential] = await issue(stack, institution, 1);
    await anchoredReceipt(stack, credential.id, provider);
    const packaged = (await (
      await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(credential.id)}/package`)
    ).json()) as Record<string, any>;
    expect(packaged.anchorReceipt).toMatchObject({ version: 2, format: 'vc-jwt', leafAlgorithm: 'keccak256-utf8' });
    const { format: _format, leafAlgorithm: _algorithm, ...rest } = packaged.anchorReceipt;
    const version1 = { ...rest, version: 1 };
    expect(validateAnchorReceipt(version1)).toEqual([]);

    const checked = await checkBySnippet(JSON.stringify({ ...packaged, anchorReceipt: version1 }), env.chainRpcUrl);
    expect(checked.stderr).toBe('');
    const report = (await postJson(`${stack.verifierUrl}/credentials/verify`, { ...packaged, anchorReceipt: version1 })).body;
    expect(report.verdict).toBe('verified');
    expect(report.checks.find((c: { check: string }) => c.check === 'anchor')).toMatchObject({ status: 'valid' });
  });

  it("checks a Data Integrity credential's package by the snippet, however its JSON is spelled", async () => {
    // No ldp_vc is issued yet: a document anchored by hand, as the next formats will be, with its receipt.
    const document = dataIntegrityCredential();
    const signer = new NonceManager(new Wallet(LOCAL_CHAIN_FUNDED_KEYS[1], provider));
    const [receipt] = await anchorByHand(
      [
        { format: 'ldp_vc', bytes: JSON.stringify(document) },
        { format: 'vc-jwt', bytes: 'a.b.c' },
      ],
      signer,
    );
    await provider.send('evm_mine', []);
    expect(validateAnchorReceipt(receipt)).toEqual([]);

    // Keys in another order and indented: the holder's copy, not the issuer's bytes.
    const check = (verifiableCredential: unknown) =>
      checkBySnippet(JSON.stringify({ anchorReceipt: receipt, verifiableCredential }, null, 2), env.chainRpcUrl);
    const { proof, ...claims } = document;
    const { credits, name, id } = claims.credentialSubject;
    const respelled = { proof, ...claims, credentialSubject: { credits, name, id } };
    expect((await check(respelled)).stderr).toBe('');
    expect((await check({ ...respelled, credentialSubject: { ...respelled.credentialSubject, credits: 8 } })).stderr).toContain(
      'receipt is for other bytes',
    );
  });

  it('is checked by the verifier: a package verifies, and every way to break its receipt is caught', async () => {
    const [credential, other] = await issue(stack, institution, 2);
    await anchoredReceipt(stack, other.id, provider);
    await anchoredReceipt(stack, credential.id, provider);
    const packaged = (await (
      await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(credential.id)}/package`)
    ).json()) as Record<string, any>;
    const otherReceipt = (await receiptOf(stack, other.id))!;
    const verify = async (body: Record<string, unknown>) => {
      const report = (await postJson(`${stack.verifierUrl}/credentials/verify`, body)).body;
      const anchorCheck = report.checks.find((c: { check: string }) => c.check === 'anchor');
      return { verdict: report.verdict, status: anchorCheck.status, code: anchorCheck.reason?.code };
    };
    expect(await verify(packaged)).toEqual({ verdict: 'verified', status: 'valid', code: undefined });
    const receipt = packaged.anchorReceipt;
    expect(await verify({ ...packaged, anchorReceipt: otherReceipt })).toMatchObject({ verdict: 'failed', code: 'ANCHOR_PROOF_INVALID' });
    expect(await verify({ ...packaged, anchorReceipt: { ...receipt, contract: Wallet.createRandom().address } })).toMatchObject({
      code: 'ANCHOR_UNKNOWN_CONTRACT',
    });
    expect(await verify({ ...packaged, anchorReceipt: { ...receipt, chainId: 1 } })).toMatchObject({ code: 'ANCHOR_WRONG_CHAIN' });
    expect(await verify({ ...packaged, anchorReceipt: { ...receipt, blockNumber: receipt.blockNumber - 1 } })).toMatchObject({
      code: 'ANCHOR_BLOCK_MISMATCH',
    });
    expect(await verify({ ...packaged, anchorReceipt: { ...receipt, proof: 'none' } })).toMatchObject({ code: 'ANCHOR_RECEIPT_MALFORMED' });
    // A well-formed receipt for this credential whose root was never anchored: paired with a random
    // leaf, since a tree of its leaf alone is the real root whenever the credential was batched alone.
    const unanchored = await MerkleTree.build([receipt.leaf, hexlify(randomBytes(32))]);
    expect(await verify({ ...packaged, anchorReceipt: { ...receipt, root: unanchored.root, proof: unanchored.proof(0) } })).toMatchObject({
      verdict: 'failed',
      code: 'ANCHOR_ROOT_NOT_ANCHORED',
    });
  });

  it('lets the verifier fetch the receipt itself from the package the signed credential names, only once its signature holds', async () => {
    const [credential] = await issue(stack, institution, 1);
    const anchorOf = async (verifiableCredential: string) => {
      const report = (await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential })).body;
      const check = report.checks.find((c: { check: string }) => c.check === 'anchor');
      return { verdict: report.verdict, status: check.status, code: check.reason?.code };
    };
    const claims = JSON.parse(Buffer.from(credential.jwt.split('.')[1], 'base64url').toString());
    expect(claims.vc.refreshService).toEqual({
      id: `${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(credential.id)}/package`,
      type: 'AnchoredCredentialPackage2026',
    });
    await anchoredReceipt(stack, credential.id, provider);
    expect(await anchorOf(credential.jwt)).toEqual({ verdict: 'verified', status: 'valid', code: undefined });

    const [header, , signature] = credential.jwt.split('.');
    const forged = {
      ...claims,
      vc: { ...claims.vc, refreshService: { id: 'http://169.254.169.254/latest/meta-data', type: 'AnchoredCredentialPackage2026' } },
    };
    const forgedJwt = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    expect(await anchorOf(forgedJwt)).toEqual({ verdict: 'failed', status: 'skipped', code: 'ANCHOR_RECEIPT_NOT_FETCHED' });
  });

  it('a production verifier refuses to fetch a package on a private address', async () => {
    const [credential] = await issue(stack, institution, 1);
    await anchoredReceipt(stack, credential.id, provider);
    const verifier = await listeningVerifier();
    try {
      const report = (
        await postJson(`${verifier.verifierUrl}/credentials/verify`, {
          verifiableCredential: credential.jwt,
        })
      ).body;
      const check = report.checks.find((c: { check: string }) => c.check === 'anchor');
      expect([check.status, check.reason.code]).toEqual(['skipped', 'ANCHOR_RECEIPT_UNAVAILABLE']);
      expect(check.reason.message).toContain('private address');
      // Its status lists are on the same private address: what cannot be checked is indeterminate.
      const status = report.checks.find((c: { check: string }) => c.check === 'status');
      expect([status.status, status.reason.code]).toEqual(['error', 'STATUS_LIST_UNAVAILABLE']);
      expect(report.verdict).toBe('indeterminate');
    } finally {
      await verifier.app.close();
    }
  });

  it('anchors again, and repoints the receipts, when a reorg takes the anchoring block away', async () => {
    const [credential] = await issue(stack, institution, 1);
    const before = await anchoredReceipt(stack, credential.id, provider);
    const head = await provider.getBlockNumber();
    // Replace every block from the anchoring one up with empty blocks.
    await provider.send('anvil_reorg', [head - before.blockNumber + 1, []]);
    expect(await anchor.anchoredBlock(before.root)).toBe(0n);

    const after = await until(async () => {
      const receipt = await receiptOf(stack, credential.id);
      return receipt && receipt.blockNumber !== before.blockNumber ? receipt : undefined;
    }, 'a receipt in a new block');
    expect(after.root).toBe(before.root);
    expect(Number(await anchor.anchoredBlock(after.root))).toBe(after.blockNumber);
    expect(await receiptProblem(after, { format: 'vc-jwt', bytes: credential.jwt })).toBeNull();
    expect(await anchorEvents(after.root)).toBe(1);
  });
});

describe('resuming from the stored state', () => {
  it('finishes a batch left `built`, and re-sends the very transaction left recorded but unsent, anchoring each root once', async () => {
    const database = await createTestDatabase();
    const secrets = testSecrets();
    try {
      // An instance without the key issues six credentials; they wait.
      const idle = await listeningIssuer(testIssuerConfig(database.url, secrets));
      const institution = await createInstitution(idle, { name: 'Resume U', url: 'https://resume.example' });
      const issued = await issueCredentials(idle, institution, 6, { format: 'vc-jwt' });
      const [jwts, ids] = [issued.map(jwtOf), issued.map((credential) => credential.id)];
      const codeOf = async (path: string) => {
        const response = await fetch(`${idle.issuerUrl}${path}`);
        return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
      };
      expect(await codeOf(`/v1/anchors/credentials/${encodeURIComponent(ids[0])}`)).toEqual([404, 'CREDENTIAL_NOT_ANCHORED_YET']);
      expect(await codeOf(`/v1/anchors/credentials/urn:uuid:${randomUUID()}`)).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
      expect(await codeOf(`/v1/anchors/leaves/0x1234`)).toEqual([400, 'INVALID_PARAMETER']);
      await idle.app.close();

      // The states a crash can leave, written through the worker's own repositories and writer:
      // batch A recorded with a signed transaction that was never sent; batch B built only.
      const dataSource = await openIssuerDatabase(database.url);
      const unitOfWork = new UnitOfWork(dataSource);
      const [leaves, batches, transactions] = [
        new AnchorLeavesRepository(dataSource),
        new AnchorBatchesRepository(dataSource),
        new AnchorTransactionsRepository(dataSource),
      ];
      const pending = await leaves.pending(100);
      const wallet = new Wallet(ANCHORING_KEY, provider);
      const writer = new AnchorWriter(provider, wallet, env.anchorContract, env.chainId, {
        maxFeePerGas: 10n ** 11n,
        maxPriorityFeePerGas: 3n * 10n ** 9n,
      });
      const roots: string[] = [];
      for (const part of [pending.slice(0, 3), pending.slice(3)]) {
        const tree = await MerkleTree.build(part.map((leaf) => leaf.signedHash));
        const id = randomUUID();
        await unitOfWork.run(async (tx) => {
          await batches.insert(tx, {
            id,
            root: tree.root,
            leafCount: tree.size,
            treeDump: tree.dump(),
            chainId: env.chainId,
            contract: env.anchorContract,
            createdAt: new Date(Date.now() - 1000 + roots.length),
          });
          await leaves.place(
            tx,
            id,
            part.map((leaf) => leaf.id),
          );
        });
        if (roots.length === 0) {
          const signed = await writer.sign(
            tree.root,
            tree.size,
            await provider.getTransactionCount(wallet.address, 'latest'),
            await writer.fees(),
          );
          await unitOfWork.run(async (tx) => {
            await transactions.record(tx, id, signed);
            await batches.markSubmitted(tx, id);
          });
        }
        roots.push(tree.root);
      }
      const [unsent] = await dataSource.query(`SELECT hash FROM anchor_transactions`);
      await dataSource.destroy();

      // The worker starts on that state.
      const worker = await listeningIssuer(testIssuerConfig(database.url, { ...secrets, ...WORKER }));
      try {
        const db = await openIssuerDatabase(database.url);
        try {
          await until(async () => {
            const [{ waiting }] = await db.query(`SELECT count(*)::int AS waiting FROM anchor_leaves WHERE receipt IS NULL`);
            return waiting === 0 ? true : undefined;
          }, 'every credential anchored');
          const transactions: { hash: string; batch_id: string }[] = await db.query(
            `SELECT hash, batch_id FROM anchor_transactions ORDER BY created_at`,
          );
          expect(transactions).toHaveLength(2);
          expect(transactions[0].hash).toBe(unsent.hash);
          const [first] = await db.query(`SELECT tx_hash FROM anchor_batches WHERE root = $1`, [roots[0]]);
          expect(first.tx_hash).toBe(unsent.hash);
          for (const root of roots) expect(await anchorEvents(root)).toBe(1);
          const stored: { format: SignedCredentialFormat; signed_bytes: string; receipt: Parameters<typeof receiptProblem>[0] }[] =
            await db.query(
              `SELECT c.format, c.signed_bytes, l.receipt FROM issued_credentials c JOIN anchor_leaves l ON l.source = 'credential' AND l.source_id = c.id`,
            );
          for (const row of stored) expect(await receiptProblem(row.receipt, { format: row.format, bytes: row.signed_bytes })).toBeNull();
          expect(stored.map((row) => row.signed_bytes).sort()).toEqual([...jwts].sort());
        } finally {
          await db.destroy();
        }
      } finally {
        await worker.app.close();
      }
    } finally {
      await database.drop();
    }
  });
});
