import { type AnchorReader, type AnchorReceipt, isTransientChainError, receiptProblem } from '#anchoring';
import { ANCHORED_PACKAGE_SERVICE, type JsonObject, listOf, type SignedBytes, validateAnchorReceipt } from '#schemas';
import type { PublicFetcher } from '../fetching/public-fetcher.js';
import type { PublishedReceipt } from '../credentials/parsed-credential.js';
import { type CheckOutcome, failedToCheck, invalid, skipped, valid } from '../pipeline/check.js';

/**
 * Anchor receipts checked against a credential's signed bytes and the chain, and fetched from the
 * anchored package a credential names: what the anchor check does, and what the signature check uses
 * to find the block at which a did:ethr key must have been valid.
 */
export class AnchorReceipts {
  constructor(
    private readonly reader: AnchorReader,
    private readonly fetcher: PublicFetcher,
    private readonly chainId: number,
    private readonly confirmations: number,
  ) {}

  /**
   * The receipt (version 1 or 2) against the signed bytes and the chain: it is for this credential's
   * format and its leaf is the hash of these bytes, its proof leads to its root, and our pinned anchor
   * contract holds that root in that block under enough confirmations. `valid` carries the receipt.
   */
  async check(anchorReceipt: unknown, signed: SignedBytes): Promise<CheckOutcome> {
    const violations = validateAnchorReceipt(anchorReceipt);
    if (violations.length > 0)
      return invalid(
        'ANCHOR_RECEIPT_MALFORMED',
        `The anchor receipt is malformed: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`,
      );
    const receipt = anchorReceipt as AnchorReceipt;
    if (receipt.chainId !== this.chainId)
      return invalid('ANCHOR_WRONG_CHAIN', `The receipt names chain ${receipt.chainId}; this verifier checks chain ${this.chainId}.`);
    if (receipt.contract.toLowerCase() !== this.reader.contractAddress.toLowerCase()) {
      return invalid(
        'ANCHOR_UNKNOWN_CONTRACT',
        `The receipt names contract ${receipt.contract}, not the anchor contract this verifier trusts.`,
      );
    }
    const problem = await receiptProblem(receipt, signed);
    if (problem) return invalid('ANCHOR_PROOF_INVALID', `The anchor receipt does not hold for this credential: ${problem}.`);
    try {
      const block = await this.reader.anchoredBlock(receipt.root);
      if (block === null) return invalid('ANCHOR_ROOT_NOT_ANCHORED', `The chain holds no anchor for root ${receipt.root}.`);
      if (block !== receipt.blockNumber)
        return invalid('ANCHOR_BLOCK_MISMATCH', `The root was anchored in block ${block}, not ${receipt.blockNumber}.`);
      const depth = (await this.reader.headNumber()) - block + 1;
      if (depth < this.confirmations) {
        return failedToCheck(
          'ANCHOR_NOT_CONFIRMED',
          `The anchoring block has ${depth} of the ${this.confirmations} confirmations required.`,
        );
      }
      // The receipt that held, so a reader sees the transaction and block, and can keep it.
      return valid({ receipt });
    } catch (error) {
      if (!isTransientChainError(error)) throw error;
      return failedToCheck('ANCHOR_CHAIN_UNAVAILABLE', `The chain could not be read: ${(error as Error).message}`);
    }
  }

  /** The receipt in the anchored package at `url`, or the anchor check's outcome saying why there is none. */
  async fetchPublished(url: string): Promise<PublishedReceipt> {
    let response: { status: number; body: unknown };
    try {
      response = await this.fetcher.json(url);
    } catch (error) {
      return {
        outcome: skipped(
          'ANCHOR_RECEIPT_UNAVAILABLE',
          `The anchored package could not be fetched from ${url}: ${(error as Error).message}`,
        ),
      };
    }
    if (response.status === 404) return { outcome: skipped('ANCHOR_NOT_YET_ANCHORED', 'The issuer has not anchored this credential yet.') };
    const receipt = (response.body as { anchorReceipt?: unknown } | null)?.anchorReceipt;
    if (response.status !== 200 || receipt === undefined) {
      return { outcome: skipped('ANCHOR_RECEIPT_UNAVAILABLE', `${url} answered ${response.status} without an anchor receipt.`) };
    }
    return { receipt };
  }
}

/** Where the issuer serves the credential's anchored package, as its signed refreshService says. */
export function packageUrlOf(credential: JsonObject): string | undefined {
  const service = listOf(credential.refreshService).find(
    (entry): entry is { id: string } =>
      (entry as { type?: unknown })?.type === ANCHORED_PACKAGE_SERVICE && typeof (entry as { id?: unknown }).id === 'string',
  );
  return service?.id;
}
