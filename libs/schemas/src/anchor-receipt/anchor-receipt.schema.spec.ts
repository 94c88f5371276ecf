import { validateAnchorReceipt } from './anchor-receipt.schema.js';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

const v1 = {
  type: 'CredentialAnchorReceipt',
  version: 1,
  merkleTree: 'keccak256-sorted-pair-v1',
  leaf: hash(1),
  proof: [hash(2)],
  root: hash(3),
  chainId: 31337,
  contract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  txHash: hash(4),
  blockNumber: 12,
  anchoredAt: '2026-05-01T10:00:00.000Z',
};
const v2 = { ...v1, version: 2, format: 'vc-jwt', leafAlgorithm: 'keccak256-utf8' };

describe('validateAnchorReceipt', () => {
  it('reads version 1 receipts as they were published', () => {
    expect(validateAnchorReceipt(v1)).toEqual([]);
    expect(validateAnchorReceipt({ ...v1, format: 'vc-jwt' })).toEqual([{ path: '/format', message: 'is not an allowed property' }]);
  });

  it('reads version 2 receipts, which name the format and how the leaf was computed', () => {
    expect(validateAnchorReceipt(v2)).toEqual([]);
    expect(validateAnchorReceipt({ ...v2, format: 'ldp_vc', leafAlgorithm: 'keccak256-jcs' })).toEqual([]);
    const { format: _format, ...withoutFormat } = v2;
    expect(validateAnchorReceipt(withoutFormat)).toEqual([{ path: '/format', message: 'is required' }]);
    expect(validateAnchorReceipt({ ...v2, format: 'jwt' }).map((v) => v.path)).toContain('/format');
  });

  it("refuses a version 2 receipt whose leaf algorithm is not its format's", () => {
    expect(validateAnchorReceipt({ ...v2, leafAlgorithm: 'keccak256-jcs' }).map((v) => v.path)).toContain('/leafAlgorithm');
    expect(validateAnchorReceipt({ ...v2, format: 'ldp_vc' }).map((v) => v.path)).toContain('/leafAlgorithm');
  });

  it('holds any other version to version 1', () => {
    expect(validateAnchorReceipt({ ...v2, version: 3 }).map((v) => v.path)).toContain('/version');
  });
});
