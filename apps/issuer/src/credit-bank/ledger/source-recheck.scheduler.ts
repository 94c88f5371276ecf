import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ISSUER_CONFIG, type IssuerConfig } from '../../issuer.config.js';
import { SourceRecheckService } from './source-recheck.service.js';

/**
 * Glue: runs the recheck of active deposits every CREDIT_BANK_RECHECK_INTERVAL_SECONDS, one run at a
 * time in this instance. Errors are logged and the next run tries again; the service's writes are
 * idempotent, so instances need no lock between them.
 */
@Injectable()
export class SourceRecheckScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SourceRecheckScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly recheck: SourceRecheckService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.run().finally(() => this.schedule());
    }, this.config.creditBank.recheckIntervalMs);
  }

  private async run(): Promise<void> {
    try {
      await this.recheck.recheck();
    } catch (error) {
      this.logger.error(`Recheck of deposits failed, retrying at the next run: ${(error as Error).message}`);
    }
  }
}
