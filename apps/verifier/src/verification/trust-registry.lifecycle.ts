import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { TrustRegistry } from '#verification';

/** Starts the trust registry with the app (its first refresh before the first request) and stops its refreshes with it. */
@Injectable()
export class TrustRegistryLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly trust: TrustRegistry) {}

  onModuleInit(): Promise<void> {
    return this.trust.start();
  }

  onModuleDestroy(): void {
    this.trust.stop();
  }
}
