import { Inject, Injectable } from '@nestjs/common';
import { type AnchorReader, type AnchorReceipt, isTransientChainError } from '#anchoring';
import { normalizeCredential, type VerifiableCredential } from 'did-jwt-vc';
import { AnchorReceiptsRepository, type CredentialAnchorState } from './anchor-batches.repository.js';
import { AnchoringError } from './anchoring.errors.js';
import { ANCHOR_READER } from './anchoring.service.js';

/** The signed credential and its receipt in one file: everything needed to verify it without us. */
export interface CredentialPackage {
  verifiableCredential: VerifiableCredential;
  anchorReceipt: AnchorReceipt;
}

/**
 * Serves a receipt only while the chain still has its block. The worker withdraws the receipts of
 * a reorganised block at its next step; asking the chain here (one block read per request) closes
 * the time in between, and holds while no worker runs at all.
 */
@Injectable()
export class AnchorReceiptsService {
  constructor(
    private readonly receipts: AnchorReceiptsRepository,
    @Inject(ANCHOR_READER) private readonly reader: AnchorReader,
  ) {}

  async byCredentialId(id: string): Promise<AnchorReceipt> {
    return (await this.anchored(await this.receipts.byCredentialId(id))).receipt;
  }

  async byLeaf(leaf: string): Promise<AnchorReceipt> {
    return (await this.anchored(await this.receipts.byLeaf(leaf))).receipt;
  }

  async package(id: string): Promise<CredentialPackage> {
    const { jwt, receipt } = await this.anchored(await this.receipts.byCredentialId(id));
    return { verifiableCredential: normalizeCredential(jwt), anchorReceipt: receipt };
  }

  private async anchored(found: CredentialAnchorState | null): Promise<{ jwt: string; receipt: AnchorReceipt }> {
    if (!found) throw AnchoringError.credentialNotFound();
    if (found.state !== 'anchored' || !found.receipt) throw AnchoringError.notAnchoredYet();
    if ((await this.chainBlockHash(found.receipt.blockNumber)) !== found.blockHash) throw AnchoringError.notAnchoredYet();
    return { jwt: found.jwt, receipt: found.receipt };
  }

  private async chainBlockHash(blockNumber: number): Promise<string | null> {
    try {
      return await this.reader.blockHash(blockNumber);
    } catch (error) {
      if (isTransientChainError(error)) throw AnchoringError.chainUnavailable();
      throw error;
    }
  }
}
