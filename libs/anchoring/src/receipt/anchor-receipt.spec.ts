import type { SignedBytes } from '#schemas';
import { dataIntegrityCredential } from '../../../../test/factories/data-integrity-credential.js';
import { MerkleTree } from '../merkle/merkle-tree.js';
import { type AnchorReceipt, anchorReceiptOf, receiptProblem } from './anchor-receipt.js';
import { signedHashOf } from './signed-hash.js';

const JWT: SignedBytes = { format: 'vc-jwt', bytes: 'eyJhbGciOiJFUzI1NksifQ.eyJ2YyI6e319.c2lnbmF0dXJl' };
const DOCUMENT = dataIntegrityCredential();
const LDP: SignedBytes = { format: 'ldp_vc', bytes: JSON.stringify(DOCUMENT) };

/** Receipts of version 2 for both credentials, anchored together in one tree. */
async function anchored(): Promise<{ jwt: AnchorReceipt; ldp: AnchorReceipt }> {
  const tree = await MerkleTree.build([signedHashOf(JWT), signedHashOf(LDP)]);
  const at = {
    root: tree.root,
    chainId: 31337,
    contract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
    txHash: `0x${'ab'.repeat(32)}`,
    blockNumber: 7,
    anchoredAt: '2026-05-01T10:00:00.000Z',
  };
  return {
    jwt: anchorReceiptOf('vc-jwt', { ...at, leaf: tree.dump().values[0], proof: tree.proof(0) }),
    ldp: anchorReceiptOf('ldp_vc', { ...at, leaf: tree.dump().values[1], proof: tree.proof(1) }),
  };
}

/** The same receipt as version 1 wrote it: no format, no leaf algorithm. */
function asVersion1(receipt: AnchorReceipt): AnchorReceipt {
  const { format: _format, leafAlgorithm: _algorithm, ...rest } = receipt as Extract<AnchorReceipt, { version: 2 }>;
  return { ...rest, version: 1 };
}

describe('anchor receipts', () => {
  it('are written as version 2, naming the format and how the leaf was computed', async () => {
    const { jwt, ldp } = await anchored();
    expect(jwt).toMatchObject({
      type: 'CredentialAnchorReceipt',
      version: 2,
      format: 'vc-jwt',
      leafAlgorithm: 'keccak256-utf8',
      leaf: signedHashOf(JWT),
    });
    expect(ldp).toMatchObject({ version: 2, format: 'ldp_vc', leafAlgorithm: 'keccak256-jcs', leaf: signedHashOf(LDP) });
    expect(await receiptProblem(jwt, JWT)).toBeNull();
    expect(await receiptProblem(ldp, LDP)).toBeNull();
  });

  it('hold for a Data Integrity credential however its JSON is spelled, and not once anything in it changes', async () => {
    const { ldp } = await anchored();
    const { proof, ...claims } = DOCUMENT;
    expect(await receiptProblem(ldp, { format: 'ldp_vc', bytes: JSON.stringify({ proof, ...claims }, null, 2) })).toBeNull();
    const changed = { ...DOCUMENT, proof: { ...DOCUMENT.proof, proofValue: 'z3FXR' } };
    expect(await receiptProblem(ldp, { format: 'ldp_vc', bytes: JSON.stringify(changed) })).toBe(
      'the receipt is for other signed bytes than this credential',
    );
  });

  it("are for one format: another format's bytes, or another algorithm, do not hold", async () => {
    const { jwt, ldp } = await anchored();
    expect(await receiptProblem(jwt, { ...JWT, format: 'vc+jwt' })).toBe('the receipt is for a vc-jwt credential, not for a vc+jwt one');
    expect(await receiptProblem({ ...ldp, leafAlgorithm: 'keccak256-utf8' } as AnchorReceipt, LDP)).toBe(
      "a ldp_vc credential's leaf is not computed by keccak256-utf8",
    );
  });

  it('of version 1 are still read, for VC-JWTs', async () => {
    const { jwt, ldp } = await anchored();
    expect(await receiptProblem(asVersion1(jwt), JWT)).toBeNull();
    expect(await receiptProblem(asVersion1(ldp), LDP)).toBe('a version 1 receipt is for a VC-JWT, not for a ldp_vc credential');
    expect(await receiptProblem({ ...asVersion1(jwt), leaf: signedHashOf(LDP) } as AnchorReceipt, JWT)).toBe(
      'the receipt is for other signed bytes than this credential',
    );
    expect(await receiptProblem({ ...jwt, version: 3 } as unknown as AnchorReceipt, JWT)).toBe('unknown receipt version 3');
  });
});
