import { Controller, Get, Header, Param } from '@nestjs/common';
import type { AnchorReceipt } from '#anchoring';
import { RequestError } from '#service-kit';
import { type CredentialPackage, CredentialReceiptsService } from './credential-receipts.service.js';

const LEAF = /^0x[0-9a-fA-F]{64}$/;

/** Public: a credential's random id (or its leaf) is what lets anyone fetch its receipt. */
@Controller('v1/anchors')
export class CredentialReceiptsController {
  constructor(private readonly receipts: CredentialReceiptsService) {}

  @Get('credentials/:id')
  byCredential(@Param('id') id: string): Promise<AnchorReceipt> {
    return this.receipts.byCredentialId(id);
  }

  @Get('credentials/:id/package')
  @Header('Content-Disposition', 'attachment; filename="credential-package.json"')
  package(@Param('id') id: string): Promise<CredentialPackage> {
    return this.receipts.package(id);
  }

  @Get('leaves/:leaf')
  byLeaf(@Param('leaf') leaf: string): Promise<AnchorReceipt> {
    if (!LEAF.test(leaf)) throw RequestError.invalidParameter('leaf', 'a 0x-prefixed 32-byte hex hash');
    return this.receipts.byLeaf(leaf);
  }
}
