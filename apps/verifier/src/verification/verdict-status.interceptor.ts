import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Verdict } from '#verification';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * The HTTP status of a VC-API verification, told by its verdict; the report is the same body
 * whatever the code. VC-API answers 200 for a credential that verified and 400 for one that did
 * not, so `failed` is a 400. `indeterminate` (a status list or the chain did not answer, or the
 * issuer is not one this verifier trusts) is not the caller's fault and may verify on a retry:
 * it stays a 200 whose body says `verified: false`.
 */
export function verdictStatus(verdict: Verdict): 200 | 400 {
  return verdict === 'failed' ? 400 : 200;
}

@Injectable()
export class VerdictStatusInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<{ verdict: Verdict }>): Observable<{ verdict: Verdict }> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((report) => {
        response.status(verdictStatus(report.verdict));
        return report;
      }),
    );
  }
}
