import { compileSchema, type SchemaViolation, violationsOf } from '../common/ajv.js';

const hash32 = { type: 'string', pattern: '^0x[0-9a-f]{64}$' } as const;

/**
 * The published JSON Schema of an anchor receipt, version 1 (the TypeScript shape is AnchorReceipt
 * in libs/anchoring). Fields are added in a new version, never changed in this one.
 */
export const ANCHOR_RECEIPT_SCHEMA = {
  $id: 'https://w3id.org/lifelong-learning/schemas/anchor-receipt-v1.json',
  title: 'Credential anchor receipt, version 1',
  type: 'object',
  properties: {
    type: { const: 'CredentialAnchorReceipt' },
    version: { const: 1 },
    merkleTree: { const: 'keccak256-sorted-pair-v1' },
    leaf: { ...hash32, description: 'keccak256 of the credential\'s exact signed bytes (the VC-JWT as UTF-8)' },
    proof: { type: 'array', items: hash32, maxItems: 64, description: 'sibling hashes from the tree leaf up to the root' },
    root: hash32,
    chainId: { type: 'integer', minimum: 1 },
    contract: { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' },
    txHash: hash32,
    blockNumber: { type: 'integer', minimum: 0 },
    anchoredAt: { type: 'string', format: 'date-time' },
  },
  required: ['type', 'version', 'merkleTree', 'leaf', 'proof', 'root', 'chainId', 'contract', 'txHash', 'blockNumber', 'anchoredAt'],
  additionalProperties: false,
} as const;

const validate = compileSchema(ANCHOR_RECEIPT_SCHEMA);

export function validateAnchorReceipt(receipt: unknown): SchemaViolation[] {
  return violationsOf(validate, receipt);
}
