import { type AnchorReceipts, packageUrlOf } from '../../anchors/anchor-receipts.js';
import { type CheckOutcome, skipped } from '../../pipeline/check.js';
import type { CredentialCheck, CredentialContext, ParsedCredential } from '../parsed-credential.js';

/**
 * The anchor receipt against the signed bytes and the chain (see `AnchorReceipts.check`), whatever
 * the format: the leaf is the hash of the credential's signed bytes as its format computes it. A
 * receipt comes beside the credential, or from the anchored package its signed `refreshService`
 * names; that URL is fetched only once the signature is verified. A caller may ask for the published
 * receipt whenever the one it gives does not hold. Without a receipt the credential may simply not
 * be anchored yet: the check is skipped.
 */
export class AnchorCheck implements CredentialCheck {
  readonly name = 'anchor';
  /** Only fetching the published receipt waits for the signature: a receipt given is checked regardless. */
  readonly dependsOn = ['signature'] as const;
  readonly unmet = {
    code: 'ANCHOR_RECEIPT_NOT_FETCHED',
    message: "The credential's signature is not verified, so no URL it names is fetched.",
  } as const;

  constructor(private readonly receipts: AnchorReceipts) {}

  /** The receipt given, unless it fails and the published one may replace it; and a credential that names no package. */
  async beforeDependencies(credential: ParsedCredential, context: CredentialContext): Promise<CheckOutcome | undefined> {
    if (context.anchorReceipt !== undefined) {
      const given = await this.receipts.check(context.anchorReceipt, credential);
      // A receipt kept from earlier that no longer holds (a reorg moved its root, or it was never
      // right) gives way to the one the issuer publishes now, under the credential's signed refreshService.
      if (given.status === 'valid' || !context.fallBackToPublishedReceipt) return given;
    }
    if (!packageUrlOf(credential.credential))
      return skipped('ANCHOR_RECEIPT_NOT_PROVIDED', 'No anchor receipt came with the credential, and it names no anchored package.');
    return undefined;
  }

  /** The receipt in the anchored package the credential's signed refreshService names (fetched by the signature check already, maybe). */
  async run(credential: ParsedCredential, context: CredentialContext): Promise<CheckOutcome> {
    const found = context.publishedReceipt ?? (await this.receipts.fetchPublished(packageUrlOf(credential.credential)!));
    return 'outcome' in found ? found.outcome : this.receipts.check(found.receipt, credential);
  }
}
