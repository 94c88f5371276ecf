import { Injectable } from '@nestjs/common';
import type { AnchorReceipt } from '#anchoring';
import { AnchorReceiptsService } from '../anchoring/anchor-receipts.service.js';
import { handedOut, signedCredentialOf } from '../identity/signed-credential.js';
import { CredentialIssuanceError } from './credentials.errors.js';
import { CREDENTIAL_LEAF_SOURCE, IssuedCredentialsRepository } from './issued-credentials.repository.js';

/** The signed credential and its receipt in one file: everything needed to verify it without us. */
export interface CredentialPackage {
  verifiableCredential: Record<string, unknown>;
  anchorReceipt: AnchorReceipt;
}

/** Credentials' anchor receipts, public: as anchoring holds them, each checked against the chain. */
@Injectable()
export class CredentialReceiptsService {
  constructor(
    private readonly anchoring: AnchorReceiptsService,
    private readonly repository: IssuedCredentialsRepository,
  ) {}

  async byCredentialId(id: string): Promise<AnchorReceipt> {
    return found(await this.anchoring.confirmed(CREDENTIAL_LEAF_SOURCE, id));
  }

  async byLeaf(leaf: string): Promise<AnchorReceipt> {
    return found(await this.anchoring.confirmedByLeaf(CREDENTIAL_LEAF_SOURCE, leaf));
  }

  async package(id: string): Promise<CredentialPackage> {
    const credential = await this.repository.findPublic(id);
    if (!credential) throw CredentialIssuanceError.noneForReceipt();
    const anchorReceipt = found(await this.anchoring.confirmed(CREDENTIAL_LEAF_SOURCE, id));
    return { verifiableCredential: handedOut(signedCredentialOf(credential.signed)), anchorReceipt };
  }
}

function found(receipt: AnchorReceipt | null): AnchorReceipt {
  if (!receipt) throw CredentialIssuanceError.noneForReceipt();
  return receipt;
}
