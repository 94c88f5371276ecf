import { type DynamicModule, Module } from '@nestjs/common';
import { AnchorReader, AnchorWriter } from '#anchoring';
import { createChainProvider } from '#identity';
import { Wallet } from 'ethers';
import type { IssuerConfig } from '../issuer.config.js';
import { AnchorBatchesRepository, AnchorReceiptsRepository } from './anchor-batches.repository.js';
import { AnchorReceiptsController } from './anchor-receipts.controller.js';
import { AnchorReceiptsService } from './anchor-receipts.service.js';
import { ANCHOR_READER, ANCHOR_WRITER, AnchoringService } from './anchoring.service.js';
import { AnchoringScheduler } from './anchoring.scheduler.js';

/**
 * Receipts are always served, each checked against the chain. The worker runs only where
 * ANCHORING_PRIVATE_KEY is set: instances without the key serve and issue, and leave sending to the
 * one that has it.
 */
@Module({})
export class AnchoringModule {
  static forRoot(config: IssuerConfig): DynamicModule {
    const provider = createChainProvider(config.chain);
    const receipts = {
      controllers: [AnchorReceiptsController],
      providers: [AnchorReceiptsRepository, AnchorReceiptsService, { provide: ANCHOR_READER, useValue: new AnchorReader(provider, config.anchoring.contract) }],
    };
    const key = config.anchoring.privateKey;
    if (!key) return { module: AnchoringModule, ...receipts };
    return {
      module: AnchoringModule,
      controllers: receipts.controllers,
      providers: [
        ...receipts.providers,
        {
          provide: ANCHOR_WRITER,
          useValue: new AnchorWriter(provider, new Wallet(key, provider), config.anchoring.contract, config.chain.chainId, {
            maxFeePerGas: config.anchoring.maxFeePerGasWei,
            maxPriorityFeePerGas: config.anchoring.maxPriorityFeePerGasWei,
          }),
        },
        AnchorBatchesRepository,
        AnchoringService,
        AnchoringScheduler,
      ],
    };
  }
}
