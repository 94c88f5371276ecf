import { type AnchorReader, type AnchorReceipt, isTransientChainError, receiptProblem } from '#anchoring';
import { ANCHORED_PACKAGE_SERVICE, validateAnchorReceipt } from '#schemas';
import type { PublicFetcher } from '../../fetching/public-fetcher.js';
import { type CheckOutcome, failedToCheck, invalid, skipped, valid } from '../../pipeline/check.js';
import type { CredentialCheck, CredentialContext, ParsedCredential } from '../parsed-credential.js';

/**
 * The anchor receipt against the signed bytes and the chain: the receipt (version 1 or 2) is for this
 * credential's format and its leaf is the hash of these bytes, its proof leads to its root, and our
 * pinned anchor contract holds that root in that block
 * under enough confirmations. A receipt comes beside the credential, or from the anchored package
 * its signed `refreshService` names; that URL is fetched only once the signature is verified. A
 * caller may ask for the published receipt whenever the one it gives does not hold.
 * Without a receipt the credential may simply not be anchored yet: the check is skipped.
 */
export class AnchorCheck implements CredentialCheck {
  readonly name = 'anchor';
  /** Only fetching the published receipt waits for the signature: a receipt given is checked regardless. */
  readonly dependsOn = ['signature'] as const;
  readonly unmet = {
    code: 'ANCHOR_RECEIPT_NOT_FETCHED',
    message: "The credential's signature is not verified, so no URL it names is fetched.",
  } as const;

  constructor(
    private readonly reader: AnchorReader,
    private readonly fetcher: PublicFetcher,
    private readonly chainId: number,
    private readonly confirmations: number,
  ) {}

  /** The receipt given, unless it fails and the published one may replace it; and a credential that names no package. */
  async beforeDependencies(credential: ParsedCredential, context: CredentialContext): Promise<CheckOutcome | undefined> {
    if (context.anchorReceipt !== undefined) {
      const given = await this.check(context.anchorReceipt, credential);
      // A receipt kept from earlier that no longer holds (a reorg moved its root, or it was never
      // right) gives way to the one the issuer publishes now, under the credential's signed refreshService.
      if (given.status === 'valid' || !context.fallBackToPublishedReceipt) return given;
    }
    if (!packageUrlOf(credential))
      return skipped('ANCHOR_RECEIPT_NOT_PROVIDED', 'No anchor receipt came with the credential, and it names no anchored package.');
    return undefined;
  }

  /** The receipt in the anchored package the credential's signed refreshService names. */
  async run(credential: ParsedCredential): Promise<CheckOutcome> {
    const found = await this.fetchReceipt(packageUrlOf(credential)!);
    return 'outcome' in found ? found.outcome : this.check(found.receipt, credential);
  }

  private async check(anchorReceipt: unknown, credential: ParsedCredential): Promise<CheckOutcome> {
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
    const problem = await receiptProblem(receipt, credential);
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

  private async fetchReceipt(url: string): Promise<{ receipt: unknown } | { outcome: CheckOutcome }> {
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
function packageUrlOf(credential: ParsedCredential): string | undefined {
  const service = ([] as unknown[])
    .concat(credential.credential.refreshService ?? [])
    .find(
      (entry): entry is { id: string } =>
        (entry as { type?: unknown })?.type === ANCHORED_PACKAGE_SERVICE && typeof (entry as { id?: unknown }).id === 'string',
    );
  return service?.id;
}
