import type { ConfigReader } from '#service-kit';

export interface AnchoringConfig {
  /** The funded key that pays for anchor transactions; without it this instance runs no worker. */
  privateKey?: string;
  contract: string;
  /** Most credentials in one batch. */
  batchSize: number;
  /** A batch is cut when it is full or when its oldest credential has waited this long. */
  maxBatchAgeMs: number;
  /** Blocks on top of the anchoring block (itself included) before a batch counts as anchored. */
  confirmations: number;
  pollIntervalMs: number;
  /** A transaction not mined after this long is replaced with a higher fee, within the caps. */
  stuckAfterMs: number;
  maxFeePerGasWei: bigint;
  maxPriorityFeePerGasWei: bigint;
}

const GWEI = 1_000_000_000n;

export function readAnchoringConfig(read: ConfigReader): AnchoringConfig {
  const key = read.optionalString('ANCHORING_PRIVATE_KEY');
  if (key !== undefined) read.matching('ANCHORING_PRIVATE_KEY', /^0x[0-9a-fA-F]{64}$/, 'a 0x-prefixed 32-byte hex private key');
  return {
    privateKey: key,
    contract: read.matching('ANCHOR_CONTRACT_ADDRESS', /^0x[0-9a-fA-F]{40}$/, 'a 0x-prefixed 20-byte address'),
    batchSize: read.integer('ANCHOR_BATCH_SIZE', 1000, { min: 1, max: 100_000 }),
    maxBatchAgeMs: read.integer('ANCHOR_BATCH_MAX_AGE_SECONDS', 60, { min: 0 }) * 1000,
    confirmations: read.integer('ANCHOR_CONFIRMATIONS', 2, { min: 1, max: 1000 }),
    pollIntervalMs: read.integer('ANCHOR_POLL_INTERVAL_MS', 1000, { min: 50 }),
    stuckAfterMs: read.integer('ANCHOR_STUCK_AFTER_SECONDS', 180, { min: 1 }) * 1000,
    maxFeePerGasWei: BigInt(read.integer('ANCHOR_MAX_FEE_GWEI', 100, { min: 1 })) * GWEI,
    maxPriorityFeePerGasWei: BigInt(read.integer('ANCHOR_MAX_PRIORITY_FEE_GWEI', 3, { min: 1 })) * GWEI,
  };
}
