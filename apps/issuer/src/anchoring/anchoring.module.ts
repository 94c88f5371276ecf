import { type DynamicModule, Module } from '@nestjs/common';
import { AnchorReader, AnchorWriter } from '#anchoring';
import { createChainProvider } from '#identity';
import { Wallet } from 'ethers';
import type { IssuerConfig } from '../issuer.config.js';
import { AnchorBatchesRepository } from './anchor-batches.repository.js';
import { AnchorLeavesRepository } from './anchor-leaves.repository.js';
import { AnchorReceiptsService } from './anchor-receipts.service.js';
import { AnchorTransactionsRepository } from './anchor-transactions.repository.js';
import { ANCHOR_READER, ANCHOR_WRITER, AnchoringService } from './anchoring.service.js';
import { AnchoringScheduler } from './anchoring.scheduler.js';

/**
 * Anchoring for every feature that signs something: its queue of leaves (features enqueue in their
 * own transactions) and its receipts, each checked against the chain, everywhere. The worker runs
 * only where ANCHORING_PRIVATE_KEY is set: instances without the key serve and issue, and leave
 * sending to the one that has it.
 */
@Module({})
export class AnchoringModule {
  static forRoot(config: IssuerConfig): DynamicModule {
    const provider = createChainProvider(config.chain);
    const everywhere = [
      AnchorLeavesRepository,
      AnchorBatchesRepository,
      AnchorReceiptsService,
      { provide: ANCHOR_READER, useValue: new AnchorReader(provider, config.anchoring.contract) },
    ];
    const exports = [AnchorLeavesRepository, AnchorReceiptsService];
    const key = config.anchoring.privateKey;
    if (!key) return { module: AnchoringModule, global: true, providers: everywhere, exports };
    return {
      module: AnchoringModule,
      global: true,
      providers: [
        ...everywhere,
        {
          provide: ANCHOR_WRITER,
          useValue: new AnchorWriter(provider, new Wallet(key, provider), config.anchoring.contract, config.chain.chainId, {
            maxFeePerGas: config.anchoring.maxFeePerGasWei,
            maxPriorityFeePerGas: config.anchoring.maxPriorityFeePerGasWei,
          }),
        },
        AnchorTransactionsRepository,
        AnchoringService,
        AnchoringScheduler,
      ],
      exports,
    };
  }
}
