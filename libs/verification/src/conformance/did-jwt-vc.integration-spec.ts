import { DID_REGISTRY, ensureDeployed } from '#anchoring';
import { hasHighS } from '#identity';
import { LOCAL_CHAIN_FUNDED_KEYS, type LocalChain, startLocalChain } from '#local-stack';
import { Resolver } from 'did-resolver';
import { getResolver } from 'ethr-did-resolver';
import { JsonRpcProvider } from 'ethers';
import { readFileSync } from 'node:fs';
import { offlineVerifier } from '../../test/offline-verifier.js';
import { quietLogger } from '../../test/quiet-logger.js';
import { HolderSignatureCheck } from '../presentations/checks/holder-signature.check.js';
import { PresentationVerifier } from '../presentations/presentation-verifier.js';
import { SignatureVerifier } from '../signatures/signature-verifier.js';
import { checkLines } from '../../../../test/reports.js';

// did-jwt-vc's own vectors (libs/identity/test/fixtures/did-jwt-vc, see SOURCES.md there) name
// mainnet did:ethr issuers (no network in the identifier). They verify against a chain of id 1 with a
// fresh ERC-1056 registry, where their addresses have no history: an anvil of its own, never a
// public network. A verifier configured for our chain does not resolve them at all.
const vector = (name: string) =>
  readFileSync(new URL(`../../../identity/test/fixtures/did-jwt-vc/${name}`, import.meta.url), 'utf8').trim();

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** An ES256K-R JWS in its other form: s replaced by n - s, and the recovery id flipped with it. */
function twinOf(jws: string): string {
  const [header, payload, signature] = jws.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  const s = BigInt(`0x${bytes.subarray(32, 64).toString('hex')}`);
  const twin = Buffer.concat([
    bytes.subarray(0, 32),
    Buffer.from((SECP256K1_N - s).toString(16).padStart(64, '0'), 'hex'),
    Buffer.from([bytes[64] ^ 1]),
  ]);
  return `${header}.${payload}.${twin.toString('base64url')}`;
}

let chain: LocalChain;
let provider: JsonRpcProvider;
let resolver: Resolver;

beforeAll(async () => {
  chain = await startLocalChain({ chainId: 1 });
  const { address } = await ensureDeployed(chain.rpcUrl, chain.chainId, LOCAL_CHAIN_FUNDED_KEYS[0], DID_REGISTRY);
  provider = new JsonRpcProvider(chain.rpcUrl, 1, { staticNetwork: true });
  resolver = new Resolver(getResolver({ networks: [{ name: 'mainnet', chainId: 1, provider: provider as never, registry: address }] }));
});

afterAll(async () => {
  provider.destroy();
  await chain.stop();
});

describe('did-jwt-vc vector 01, a VC-JWT (ES256K-R) of a mainnet did:ethr', () => {
  it('is refused for its high-S signature, and its low-S twin verifies, with the issuer unknown', async () => {
    const { verifier } = await offlineVerifier(resolver);
    const jwt = vector('vector-01.jwt');
    expect(hasHighS('ES256K-R', jwt.split('.')[2])).toBe(true);
    expect((await verifier.verify(jwt)).report.checks[1]).toMatchObject({ status: 'invalid', reason: { code: 'SIGNATURE_HIGH_S' } });
    const { report } = await verifier.verify(twinOf(jwt));
    expect(checkLines(report.checks)).toEqual([
      ['format', 'valid', undefined],
      ['signature', 'valid', undefined],
      ['signed-payload', 'valid', undefined],
      ['schema', 'skipped', 'SCHEMA_UNKNOWN_KIND'],
      ['validity-period', 'valid', undefined],
      ['status', 'skipped', 'STATUS_NOT_PROVIDED'],
      ['anchor', 'skipped', 'ANCHOR_RECEIPT_NOT_PROVIDED'],
      ['issuer-trust', 'skipped', 'ISSUER_UNKNOWN'],
    ]);
    expect(report.verdict).toBe('indeterminate');
  });
});

describe('did-jwt-vc vector 02, a VP-JWT carrying vector 01', () => {
  it('is refused for its high-S signature; its twin verifies, signs no challenge, and so its credential is not looked at', async () => {
    const { verifier } = await offlineVerifier(resolver);
    const presentations = new PresentationVerifier(
      verifier,
      new HolderSignatureCheck(new SignatureVerifier({ resolver })),
      { use: async () => ({ ok: false, code: 'CHALLENGE_UNKNOWN' }) },
      { clockSkewSeconds: 300, logger: quietLogger },
    );
    const jwt = vector('vector-02.jwt');
    expect(checkLines((await presentations.verify(jwt)).report.checks)[1]).toEqual(['holder-signature', 'invalid', 'SIGNATURE_HIGH_S']);
    const { report } = await presentations.verify(twinOf(jwt));
    expect(checkLines(report.checks).slice(0, 3)).toEqual([
      ['format', 'valid', undefined],
      ['holder-signature', 'valid', undefined],
      ['challenge', 'invalid', 'CHALLENGE_MISSING'],
    ]);
    expect(report.credentials).toEqual([]);
  });
});

describe('did-jwt-vc vector 03, a signed JWT with no vc claim', () => {
  it('is no credential', async () => {
    const { verifier } = await offlineVerifier(resolver);
    expect(checkLines((await verifier.verify(vector('vector-03.jwt'))).report.checks)).toEqual([
      ['format', 'invalid', 'FORMAT_NOT_A_CREDENTIAL'],
    ]);
  });
});
