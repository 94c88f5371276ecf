import { compileSchema, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { SIGNED_CREDENTIAL_FORMATS } from '../signed-credential/signed-credential.js';

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
    leaf: { ...hash32, description: "keccak256 of the credential's exact signed bytes (the VC-JWT as UTF-8)" },
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

/**
 * Version 2: the receipts of every batch anchored since receipts name the signed credential's
 * format, and how its leaf was computed from the signed bytes. Version 1 receipts stay valid.
 */
export const ANCHOR_RECEIPT_SCHEMA_V2 = {
  $id: 'https://w3id.org/lifelong-learning/schemas/anchor-receipt-v2.json',
  title: 'Credential anchor receipt, version 2',
  type: 'object',
  properties: {
    ...ANCHOR_RECEIPT_SCHEMA.properties,
    version: { const: 2 },
    format: { enum: SIGNED_CREDENTIAL_FORMATS, description: 'the format of the signed credential whose bytes the leaf is the hash of' },
    leafAlgorithm: {
      enum: ['keccak256-utf8', 'keccak256-jcs'],
      description:
        'keccak256 of the signed bytes as UTF-8 (the JWT formats), or of the RFC 8785 serialization of the whole signed document, proof included (ldp_vc)',
    },
    leaf: { ...hash32, description: "the hash of the credential's exact signed bytes, computed by leafAlgorithm" },
  },
  required: [...ANCHOR_RECEIPT_SCHEMA.required, 'format', 'leafAlgorithm'],
  additionalProperties: false,
  // The algorithm is the format's own: a receipt cannot claim another one for the same bytes.
  if: { properties: { format: { const: 'ldp_vc' } }, required: ['format'] },
  then: { properties: { leafAlgorithm: { const: 'keccak256-jcs' } } },
  else: { properties: { leafAlgorithm: { const: 'keccak256-utf8' } } },
} as const;

const validateV1 = compileSchema(ANCHOR_RECEIPT_SCHEMA);
const validateV2 = compileSchema(ANCHOR_RECEIPT_SCHEMA_V2);

/** Checks a receipt against the schema of the version it names; anything not version 2 is held to version 1. */
export function validateAnchorReceipt(receipt: unknown): SchemaViolation[] {
  const version = typeof receipt === 'object' && receipt !== null ? (receipt as { version?: unknown }).version : undefined;
  return violationsOf(version === 2 ? validateV2 : validateV1, receipt);
}
