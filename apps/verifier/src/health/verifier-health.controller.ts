import { Controller, Get } from '@nestjs/common';
import { type RegistrySourceHealth, TrustRegistry } from '#verification';

export interface VerifierHealth {
  /** `degraded` while a trust registry fails to refresh: the verifier still answers, trusting what it said last. */
  status: 'ok' | 'degraded';
  trustRegistries: RegistrySourceHealth[];
}

/**
 * Liveness, as every service answers it, plus what an operator must see of the verifier: a trust
 * registry that stopped refreshing. Still 200 then, so a load balancer keeps a working verifier.
 */
@Controller('health')
export class VerifierHealthController {
  constructor(private readonly trust: TrustRegistry) {}

  @Get()
  health(): VerifierHealth {
    const trustRegistries = this.trust.health();
    return { status: trustRegistries.every((registry) => registry.ok) ? 'ok' : 'degraded', trustRegistries };
  }
}
