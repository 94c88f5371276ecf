import { AnchorReader, type AnchorReceipt, DID_REGISTRY } from '#anchoring';
import { createChainProvider, createDidResolver } from '#identity';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { packageService } from '#schemas';
import { ES256KSigner, hexToBytes } from 'did-jwt';
import { createVerifiableCredentialJwt } from 'did-jwt-vc';
import { Contract, type HDNodeWallet, JsonRpcProvider, NonceManager, parseEther, Wallet } from 'ethers';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { anchorByHand } from '../../../../test/factories/receipts.js';
import { testEnvironment } from '../../../../test/test-environment.js';
import { quietLogger } from '../../test/quiet-logger.js';
import { credentialChecks } from '../credentials/credential-checks.js';
import { CredentialVerifier } from '../credentials/credential-verifier.js';
import { FetchSlots } from '../fetching/fetch-slots.js';
import { PublicFetcher } from '../fetching/public-fetcher.js';
import { TrustRegistry } from '../trust/trust-registry.js';

// Key validity at the anchor block, on the run's chain: did:ethr owners rotated with ERC-1056
// changeOwner, credentials anchored in the anchor contract by a receipt of ours.
const env = testEnvironment();
const ethr = { rpcUrl: env.chainRpcUrl, chainId: env.chainId, didRegistry: env.didRegistry };
let provider: JsonRpcProvider;
let funder: NonceManager;
let verifier: CredentialVerifier;

/** The anchored packages the issuer would serve, by path, and how often each was asked for. */
const packages = new Map<string, unknown>();
const hits = new Map<string, number>();
const server = http.createServer((request, response) => {
  const path = request.url ?? '';
  hits.set(path, (hits.get(path) ?? 0) + 1);
  const body = packages.get(path);
  response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? null));
});
let origin = '';

beforeAll(async () => {
  provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true, cacheTimeout: -1 });
  funder = new NonceManager(new Wallet(LOCAL_CHAIN_FUNDED_KEYS[4], provider));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fetcher = (maxBytes: number) =>
    new PublicFetcher({ allowPrivateNetworks: true, deadlineMs: 5000, maxBytes }, new FetchSlots(4), quietLogger);
  const trust = new TrustRegistry({ registryUrls: [], refreshSeconds: 3600, missRefreshSeconds: 30 }, fetcher(1024), quietLogger);
  const checks = credentialChecks({
    resolver: createDidResolver({ ethr }),
    fetcher,
    anchors: { reader: new AnchorReader(createChainProvider(ethr), env.anchorContract), chainId: env.chainId, confirmations: 1 },
    trust,
    requireTrustedIssuer: false,
    clockSkewSeconds: 300,
    statusListCacheSeconds: 60,
  });
  verifier = new CredentialVerifier(checks, trust, { deadlineMs: 20_000, logger: quietLogger });
});

afterAll(async () => {
  provider.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const didOf = (wallet: { address: string }) => `did:ethr:0x${env.chainId.toString(16)}:${wallet.address}`;

/** A fresh did:ethr owner with gas for its own registry changes. */
async function owner(): Promise<HDNodeWallet> {
  const wallet = Wallet.createRandom().connect(provider);
  await (await funder.sendTransaction({ to: wallet.address, value: parseEther('1') })).wait();
  return wallet;
}

/** The DID's owner changed on chain (ERC-1056 changeOwner): the old key no longer speaks for it. */
async function rotate(did: HDNodeWallet): Promise<number> {
  const registry = new Contract(env.didRegistry, DID_REGISTRY.abi, did);
  return (await (await registry.getFunction('changeOwner')(did.address, Wallet.createRandom().address)).wait()).blockNumber;
}

/** A VC-JWT naming `issuer`'s DID, signed with `key` (the issuer's, or any other), optionally naming its anchored package. */
function signed(issuer: { address: string }, key: { privateKey: string }, packageUrl?: string): Promise<string> {
  return createVerifiableCredentialJwt(
    {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: didOf(issuer),
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner', name: 'Ada' },
      ...(packageUrl ? { refreshService: packageService(packageUrl) } : {}),
    },
    { did: didOf(issuer), signer: ES256KSigner(hexToBytes(key.privateKey)), alg: 'ES256K' },
  );
}

/** The credential anchored alone in a batch of the anchor contract, and its receipt. */
const anchored = async (jwt: string): Promise<AnchorReceipt> => (await anchorByHand([{ format: 'vc-jwt', bytes: jwt }], funder))[0];

const checkOf = (report: { checks: { check: string }[] }, name: string) => report.checks.find((check) => check.check === name);

describe("a did:ethr credential after its issuer's key was rotated", () => {
  it('anchored before the rotation: verifies against the keys of its anchoring block, and says so', async () => {
    const issuer = await owner();
    const jwt = await signed(issuer, issuer);
    const receipt = await anchored(jwt);
    const rotatedIn = await rotate(issuer);
    expect(rotatedIn).toBeGreaterThan(receipt.blockNumber);

    const { report } = await verifier.verify(jwt, { anchorReceipt: receipt });
    expect(checkOf(report, 'signature')).toEqual({
      check: 'signature',
      status: 'valid',
      details: { keyHistory: 'anchor-block', anchorBlock: receipt.blockNumber },
    });
    expect(checkOf(report, 'anchor')).toMatchObject({ status: 'valid' });
    // Nobody vouches for this DID: the verdict waits on that alone.
    expect(report.verdict).toBe('indeterminate');
  });

  it('not anchored: fails, as every credential of a rotated key did before', async () => {
    const issuer = await owner();
    const jwt = await signed(issuer, issuer);
    await rotate(issuer);
    const { report } = await verifier.verify(jwt);
    expect(checkOf(report, 'signature')).toMatchObject({ status: 'invalid', reason: { code: 'SIGNATURE_INVALID' } });
    expect(report.verdict).toBe('failed');
  });

  it('signed with the old key and anchored after the rotation: fails, the old key being no longer valid at its block', async () => {
    const issuer = await owner();
    const rotatedIn = await rotate(issuer);
    const jwt = await signed(issuer, issuer);
    const receipt = await anchored(jwt);
    expect(receipt.blockNumber).toBeGreaterThan(rotatedIn);
    const { report } = await verifier.verify(jwt, { anchorReceipt: receipt });
    expect(checkOf(report, 'signature')).toMatchObject({
      status: 'invalid',
      reason: { code: 'SIGNATURE_INVALID', message: expect.stringContaining(`as of its anchoring block ${receipt.blockNumber}`) },
    });
    expect(report.verdict).toBe('failed');
  });

  it("with a receipt that is another credential's, fails: the receipt must be for these signed bytes", async () => {
    const issuer = await owner();
    const jwt = await signed(issuer, issuer);
    const otherReceipt = await anchored(await signed(issuer, issuer, `${origin}/other`));
    await rotate(issuer);
    const { report } = await verifier.verify(jwt, { anchorReceipt: otherReceipt });
    expect(checkOf(report, 'signature')).toMatchObject({ status: 'invalid', reason: { code: 'SIGNATURE_INVALID' } });
  });

  it('signed by the new owner: verifies against the keys of today', async () => {
    const issuer = await owner();
    const successor = Wallet.createRandom();
    await (
      await new Contract(env.didRegistry, DID_REGISTRY.abi, issuer).getFunction('changeOwner')(issuer.address, successor.address)
    ).wait();
    const { report } = await verifier.verify(await signed(issuer, successor));
    expect(checkOf(report, 'signature')).toEqual({ check: 'signature', status: 'valid', details: { keyHistory: 'current' } });
  });
});

describe('the receipt of an anchored package the credential names', () => {
  it('is fetched once an earlier key of the DID holds the signature, and the anchor check uses it without fetching again', async () => {
    const issuer = await owner();
    const path = `/v1/anchors/credentials/${issuer.address}/package`;
    const jwt = await signed(issuer, issuer, `${origin}${path}`);
    packages.set(path, { verifiableCredential: jwt, anchorReceipt: await anchored(jwt) });
    await rotate(issuer);

    const { report } = await verifier.verify(jwt);
    expect(checkOf(report, 'signature')).toMatchObject({ status: 'valid', details: { keyHistory: 'anchor-block' } });
    expect(checkOf(report, 'anchor')).toMatchObject({ status: 'valid' });
    expect(hits.get(path)).toBe(1);
  });

  it('is never fetched for a credential no key of the DID ever signed', async () => {
    const issuer = await owner();
    const path = `/v1/anchors/credentials/${issuer.address}/forged`;
    const forged = await signed(issuer, Wallet.createRandom(), `${origin}${path}`);
    packages.set(path, { verifiableCredential: forged, anchorReceipt: await anchored(forged) });
    await rotate(issuer);

    const { report } = await verifier.verify(forged);
    expect(checkOf(report, 'signature')).toMatchObject({
      status: 'invalid',
      reason: { code: 'SIGNATURE_INVALID', message: expect.stringContaining('is not fetched') },
    });
    expect(checkOf(report, 'anchor')).toMatchObject({ status: 'skipped', reason: { code: 'ANCHOR_RECEIPT_NOT_FETCHED' } });
    expect(hits.get(path)).toBeUndefined();
  });
});
