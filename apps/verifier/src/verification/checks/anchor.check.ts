import { type AnchorReader, type AnchorReceipt, isTransientChainError, receiptProblem } from '#anchoring';
import { validateAnchorReceipt } from '#schemas';
import { type CheckContext, type CheckOutcome, type CredentialCheck, failedToCheck, invalid, type ParsedCredential, skipped, valid } from '../check.js';

/**
 * The anchor receipt against the signed bytes and the chain: the receipt's leaf is the hash of this
 * JWT, its proof leads to its root, and our pinned anchor contract holds that root in that block
 * under enough confirmations. Without a receipt the credential may simply not be anchored yet.
 */
export class AnchorCheck implements CredentialCheck {
  readonly name = 'anchor';

  constructor(
    private readonly reader: AnchorReader,
    private readonly chainId: number,
    private readonly confirmations: number,
  ) {}

  async run(credential: ParsedCredential, { anchorReceipt }: CheckContext): Promise<CheckOutcome> {
    if (anchorReceipt === undefined) {
      return skipped('ANCHOR_RECEIPT_NOT_PROVIDED', 'No anchor receipt came with the credential (it may not be anchored yet).');
    }
    const violations = validateAnchorReceipt(anchorReceipt);
    if (violations.length > 0) return invalid('ANCHOR_RECEIPT_MALFORMED', `The anchor receipt is malformed: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`);
    const receipt = anchorReceipt as AnchorReceipt;
    if (receipt.chainId !== this.chainId) return invalid('ANCHOR_WRONG_CHAIN', `The receipt names chain ${receipt.chainId}; this verifier checks chain ${this.chainId}.`);
    if (receipt.contract.toLowerCase() !== this.reader.contractAddress.toLowerCase()) {
      return invalid('ANCHOR_UNKNOWN_CONTRACT', `The receipt names contract ${receipt.contract}, not the anchor contract this verifier trusts.`);
    }
    const problem = await receiptProblem(receipt, credential.jwt);
    if (problem) return invalid('ANCHOR_PROOF_INVALID', `The anchor receipt does not hold for this credential: ${problem}.`);
    try {
      const block = await this.reader.anchoredBlock(receipt.root);
      if (block === null) return invalid('ANCHOR_ROOT_NOT_ANCHORED', `The chain holds no anchor for root ${receipt.root}.`);
      if (block !== receipt.blockNumber) return invalid('ANCHOR_BLOCK_MISMATCH', `The root was anchored in block ${block}, not ${receipt.blockNumber}.`);
      const depth = (await this.reader.headNumber()) - block + 1;
      if (depth < this.confirmations) {
        return failedToCheck('ANCHOR_NOT_CONFIRMED', `The anchoring block has ${depth} of the ${this.confirmations} confirmations required.`);
      }
      return valid();
    } catch (error) {
      if (!isTransientChainError(error)) throw error;
      return failedToCheck('ANCHOR_CHAIN_UNAVAILABLE', `The chain could not be read: ${(error as Error).message}`);
    }
  }
}
