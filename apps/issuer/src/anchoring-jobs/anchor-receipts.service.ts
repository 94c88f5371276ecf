import { Injectable } from '@nestjs/common';
import type { AnchorReceipt } from '#anchoring';
import { normalizeCredential, type VerifiableCredential } from 'did-jwt-vc';
import { AnchorReceiptsRepository, type CredentialAnchorState } from './anchor-batches.repository.js';
import { AnchoringError } from './anchoring.errors.js';

/** The signed credential and its receipt in one file: everything needed to verify it without us. */
export interface CredentialPackage {
  verifiableCredential: VerifiableCredential;
  anchorReceipt: AnchorReceipt;
}

@Injectable()
export class AnchorReceiptsService {
  constructor(private readonly receipts: AnchorReceiptsRepository) {}

  async byCredentialId(id: string): Promise<AnchorReceipt> {
    return anchored(await this.receipts.byCredentialId(id)).receipt;
  }

  async byLeaf(leaf: string): Promise<AnchorReceipt> {
    return anchored(await this.receipts.byLeaf(leaf)).receipt;
  }

  async package(id: string): Promise<CredentialPackage> {
    const { jwt, receipt } = anchored(await this.receipts.byCredentialId(id));
    return { verifiableCredential: normalizeCredential(jwt), anchorReceipt: receipt };
  }
}

function anchored(found: CredentialAnchorState | null): { jwt: string; receipt: AnchorReceipt } {
  if (!found) throw AnchoringError.credentialNotFound();
  if (found.state !== 'anchored' || !found.receipt) throw AnchoringError.notAnchoredYet();
  return { jwt: found.jwt, receipt: found.receipt };
}
