import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isTransientChainError } from '#anchoring';
import { DataSource } from 'typeorm';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { AnchoringLock } from './anchoring-lock.js';
import { AnchoringService } from './anchoring.service.js';
import { DidEthrRelay } from '../identity/did-ethr-relay.js';

/**
 * Glue: while this instance holds the anchoring lock, run the service's steps back to back until
 * there is nothing to do, then wait for the next poll. When anchoring has nothing to do now (idle, or
 * waiting for confirmations), the relayed did:ethr changes take their turn, one a step: they are sent
 * from the same funded key, only while no transaction of it waits in the node, and each is mined (or
 * given up on for the step) before anchoring acts again, so the two never pick a nonce at once.
 * Errors are logged and retried on the next poll; only the chain's transient failures are expected there.
 */
@Injectable()
export class AnchoringScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnchoringScheduler.name);
  private readonly lock: AnchoringLock;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly anchoring: AnchoringService,
    private readonly didEthr: DidEthrRelay,
    dataSource: DataSource,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {
    this.lock = new AnchoringLock(dataSource);
  }

  /** A node serving the wrong chain stops the start-up; a node not answering yet only delays anchoring. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.anchoring.assertChain();
    } catch (error) {
      if (!isTransientChainError(error)) throw error;
      this.logger.warn(`Chain unavailable at start-up, anchoring will retry: ${(error as Error).message}`);
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.lock.release();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll().finally(() => this.schedule(this.config.anchoring.pollIntervalMs));
    }, delayMs);
  }

  private async poll(): Promise<void> {
    try {
      if (!(await this.lock.held())) return;
      while (!this.stopped) {
        const result = await this.anchoring.step();
        // Between anchoring's own steps, the funded key's other work: relayed did:ethr changes, one at a time.
        if ((result === 'idle' || result === 'waiting') && !(await this.didEthr.step())) return;
      }
    } catch (error) {
      if (isTransientChainError(error)) this.logger.warn(`Chain unavailable, retrying: ${(error as Error).message}`);
      else this.logger.error(`Anchoring step failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }
}
