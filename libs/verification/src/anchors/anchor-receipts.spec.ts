import { type AnchorReader, anchorReceiptOf, MerkleTree, signedHashOf } from '#anchoring';
import { importSigningKey, signVcJwt } from '#identity';
import type { SignedBytes } from '#schemas';
import { ES256KSigner, hexToBytes } from 'did-jwt';
import { createVerifiableCredentialJwt } from 'did-jwt-vc';
import { Wallet } from 'ethers';
import { highSTwin } from '../../../../test/high-s-twin.js';
import { didJwkPair, didOf } from '../../../../test/factories/keys.js';
import { checkFormat } from '../credentials/checks/format.check.js';
import type { PublicFetcher } from '../fetching/public-fetcher.js';
import { AnchorReceipts } from './anchor-receipts.js';
import { plainCredential } from '../../../../test/factories/plain-credential.js';

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const CONTRACT = '0x00000000000000000000000000000000000ac4e2';
const BLOCK = 120;

/** A chain that anchored every root this test anchors, in block 120, with its head at 130. */
function chainOf(roots: Set<string>): AnchorReader {
  return {
    contractAddress: CONTRACT,
    anchoredBlock: async (root: string) => (roots.has(root) ? BLOCK : null),
    headNumber: async () => BLOCK + 10,
  } as unknown as AnchorReader;
}

const noFetch = {} as PublicFetcher;

/** The receipt (version 2, unless asked for 1) of signed bytes anchored alone in a batch. */
async function receiptFor(signed: SignedBytes, roots: Set<string>, version: 1 | 2 = 2) {
  const tree = await MerkleTree.build([signedHashOf(signed)]);
  roots.add(tree.root);
  const anchored = {
    leaf: signedHashOf(signed),
    proof: tree.proof(0),
    root: tree.root,
    chainId: 31337,
    contract: CONTRACT,
    txHash: `0x${'ab'.repeat(32)}`,
    blockNumber: BLOCK,
    anchoredAt: '2026-06-01T00:00:00.000Z',
  };
  if (version === 2) return anchorReceiptOf(signed.format, anchored);
  return { type: 'CredentialAnchorReceipt', version: 1, merkleTree: 'keccak256-sorted-pair-v1', ...anchored };
}

describe('AnchorReceipts', () => {
  it("holds a vc+jwt's receipt for its ES256 high-S twin too: the leaf is computed from the low-S form", async () => {
    const roots = new Set<string>();
    const key = await importSigningKey(didJwkPair('P-256'));
    const jws = signVcJwt(plainCredential(key.controller), key);
    const receipt = await receiptFor({ format: 'vc+jwt', bytes: jws }, roots);
    const receipts = new AnchorReceipts(chainOf(roots), noFetch, 31337, 2);
    expect(await receipts.check(receipt, checkFormat(jws).parsed!)).toMatchObject({ status: 'valid' });
    expect(await receipts.check(receipt, checkFormat(highSTwin(jws, P256_N)).parsed!)).toMatchObject({ status: 'valid' });
  });

  it("holds an ldp_vc's receipt (keccak256-jcs) for any serialisation of the same signed document, and for no other document", async () => {
    const roots = new Set<string>();
    const document = {
      ...plainCredential('did:web:school.example'),
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z1' },
    };
    const receipt = await receiptFor({ format: 'ldp_vc', bytes: JSON.stringify(document) }, roots);
    expect(receipt).toMatchObject({ format: 'ldp_vc', leafAlgorithm: 'keccak256-jcs' });
    const receipts = new AnchorReceipts(chainOf(roots), noFetch, 31337, 2);
    const reordered = Object.fromEntries(Object.entries(document).reverse());
    expect(await receipts.check(receipt, checkFormat(reordered).parsed!)).toMatchObject({ status: 'valid' });
    const other = checkFormat({ ...document, credentialSubject: { id: 'did:example:2' } }).parsed!;
    expect(await receipts.check(receipt, other)).toMatchObject({ status: 'invalid', reason: { code: 'ANCHOR_PROOF_INVALID' } });
  });

  it('reads version 1 receipts, which are for VC-JWTs alone', async () => {
    const roots = new Set<string>();
    const receipts = new AnchorReceipts(chainOf(roots), noFetch, 31337, 2);
    const wallet = Wallet.createRandom();
    const did = didOf(wallet);
    const vcJwt = await createVerifiableCredentialJwt(
      {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: did,
        issuanceDate: '2026-01-01T00:00:00Z',
        credentialSubject: { id: 'did:example:1', name: 'Ada' },
      },
      { did, signer: ES256KSigner(hexToBytes(wallet.privateKey)), alg: 'ES256K' },
    );
    const forVcJwt = await receiptFor({ format: 'vc-jwt', bytes: vcJwt }, roots, 1);
    expect(await receipts.check(forVcJwt, checkFormat(vcJwt).parsed!)).toMatchObject({ status: 'valid', details: { receipt: forVcJwt } });
    const key = await importSigningKey(didJwkPair('Ed25519'));
    const jws = signVcJwt(plainCredential(key.controller), key);
    const forJose = await receiptFor({ format: 'vc+jwt', bytes: jws }, roots, 1);
    expect(await receipts.check(forJose, checkFormat(jws).parsed!)).toMatchObject({
      status: 'invalid',
      reason: { code: 'ANCHOR_PROOF_INVALID', message: expect.stringContaining('version 1 receipt is for a VC-JWT') },
    });
  });
});
