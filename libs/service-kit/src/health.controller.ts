import { Controller, Get } from '@nestjs/common';

/** Liveness for load balancers and docker-compose health checks. */
@Controller('health')
export class HealthController {
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
