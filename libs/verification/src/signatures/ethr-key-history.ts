import { type DIDResolutionResult, parse, type Resolvable } from 'did-resolver';
import { type AnchorReceipts, packageUrlOf } from '../anchors/anchor-receipts.js';
import type { CredentialContext, ParsedCredential } from '../credentials/parsed-credential.js';
import { type CheckOutcome, failedToCheck, invalid, valid } from '../pipeline/check.js';

/** Earlier versions of a did:ethr document tried, newest first, before a URL the credential names may be fetched. */
const MAX_EARLIER_VERSIONS = 16;

/** The signature's outcome under some keys of the issuer's DID, resolved through the resolver given. */
export type VerifyWith = (resolver: Resolvable) => Promise<CheckOutcome>;

/** A resolver that answers for `did` with one resolution, and for any other DID as `resolver` does. */
function answeringFor(did: string, resolution: DIDResolutionResult, resolver: Resolvable): Resolvable {
  return { resolve: async (didUrl, options) => (parse(didUrl)?.did === did ? resolution : resolver.resolve(didUrl, options)) };
}

/**
 * Key validity at the anchor block, for did:ethr issuers, whose key history is on chain: a credential
 * whose signature fails against the issuer's keys now, but whose anchor receipt holds for a block
 * before the key was rotated, was signed while the key was valid. Its signature is verified against
 * the DID as of that block (ethr-did-resolver's `versionId`). One signed with a key the DID had only
 * after its anchor block, or not anchored, still fails.
 *
 * Which receipt: one sent beside the credential or kept by a link, which nothing needs fetching for;
 * or, only when neither holds, the one in the anchored package the credential's signed
 * `refreshService` names. That URL is fetched only once the signature holds under an earlier key of
 * the DID (at most 16 versions back): a credential no key of the issuer ever signed makes this
 * verifier fetch nothing.
 */
export class EthrKeyHistory {
  constructor(
    private readonly resolver: Resolvable,
    private readonly receipts: AnchorReceipts,
  ) {}

  /** The signature's outcome once the anchor block's keys are tried; `now` is its outcome against the keys of today. */
  async verify(credential: ParsedCredential, context: CredentialContext, verifyWith: VerifyWith, now: CheckOutcome): Promise<CheckOutcome> {
    const did = credential.issuer;
    if (!did.startsWith('did:ethr:')) return now;
    const found = await this.anchorOf(credential, context, verifyWith);
    if (found.status === 'error') return historyUnavailable(found.reason?.message);
    if (found.status !== 'valid') return invalid('SIGNATURE_INVALID', `${now.reason?.message} ${found.reason?.message}`);
    const { blockNumber } = found.details!.receipt as { blockNumber: number };
    let resolution: DIDResolutionResult;
    try {
      resolution = await this.resolver.resolve(`${did}?versionId=${blockNumber}`);
    } catch (error) {
      return historyUnavailable(`${did} could not be resolved as of block ${blockNumber}: ${(error as Error).message}`);
    }
    const atBlock = await verifyWith(answeringFor(did, resolution, this.resolver));
    if (atBlock.status === 'valid') return valid({ keyHistory: 'anchor-block', anchorBlock: blockNumber });
    if (atBlock.status === 'error') return historyUnavailable(atBlock.reason?.message);
    return invalid(
      'SIGNATURE_INVALID',
      `${now.reason?.message} Nor did a key of ${did} as of its anchoring block ${blockNumber} make it: it was signed with a key the DID had only later, or never.`,
    );
  }

  /** The receipt that holds for the credential, as the anchor check would find it; `skipped` or `invalid` when there is none. */
  private async anchorOf(credential: ParsedCredential, context: CredentialContext, verifyWith: VerifyWith): Promise<CheckOutcome> {
    let given: CheckOutcome | undefined;
    if (context.anchorReceipt !== undefined) {
      given = await this.receipts.check(context.anchorReceipt, credential);
      if (given.status === 'valid' || !context.fallBackToPublishedReceipt) return labelled(given, 'The receipt that came with it');
    }
    const url = packageUrlOf(credential.credential);
    if (!url)
      return given ? labelled(given, 'The receipt that came with it') : invalid('SIGNATURE_INVALID', 'No anchor receipt came with it.');
    const earlier = await this.earlierKeyHolds(credential.issuer, verifyWith);
    if (earlier.status !== 'valid') return earlier;
    context.publishedReceipt = await this.receipts.fetchPublished(url);
    if ('outcome' in context.publishedReceipt) return labelled(context.publishedReceipt.outcome, 'Its anchored package gave no receipt');
    return labelled(await this.receipts.check(context.publishedReceipt.receipt, credential), 'Its published receipt');
  }

  /** Whether a key the DID had before one of its last changes made the signature: the condition for fetching a URL the credential names. */
  private async earlierKeyHolds(did: string, verifyWith: VerifyWith): Promise<CheckOutcome> {
    try {
      let version = (await this.resolver.resolve(did)).didDocumentMetadata.versionId;
      for (let tried = 0; version !== undefined && tried < MAX_EARLIER_VERSIONS; tried += 1) {
        const before = Number(version) - 1;
        const resolution = await this.resolver.resolve(`${did}?versionId=${before}`);
        const outcome = await verifyWith(answeringFor(did, resolution, this.resolver));
        if (outcome.status !== 'invalid') return outcome;
        version = resolution.didDocumentMetadata.versionId;
      }
    } catch (error) {
      return failedToCheck('SIGNATURE_KEY_HISTORY_UNAVAILABLE', `The key history of ${did} could not be read: ${(error as Error).message}`);
    }
    return invalid('SIGNATURE_INVALID', `No earlier key of ${did} made it either, so the anchored package it names is not fetched.`);
  }
}

/** A receipt's outcome, its message saying which receipt it was about. */
function labelled(outcome: CheckOutcome, which: string): CheckOutcome {
  return outcome.status === 'valid'
    ? outcome
    : { ...outcome, reason: { ...outcome.reason!, message: `${which}: ${outcome.reason?.message}` } };
}

function historyUnavailable(detail: string | undefined): CheckOutcome {
  return failedToCheck(
    'SIGNATURE_KEY_HISTORY_UNAVAILABLE',
    `The signature fails against the issuer's keys now, and whether its key was valid at its anchoring block could not be checked right now: ${detail}`,
  );
}
