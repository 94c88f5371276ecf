import { Inject, Injectable } from '@nestjs/common';
import type { VerificationLink } from '#schemas';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { VerifierClientError } from './verifier-client.errors.js';

/** The issuer's one client of the verifier at VERIFIER_URL. */
@Injectable()
export class VerifierClient {
  constructor(@Inject(ISSUER_CONFIG) private readonly config: IssuerConfig) {}

  /** Refuses at once when no verifier is configured, before anything is looked up for a link. */
  assertConfigured(): void {
    if (!this.config.verifierUrl) throw VerifierClientError.notConfigured();
  }

  /**
   * A verification link for printing on a certificate or a CV: the verifier keeps its own copy of the
   * signed credential, so the link keeps working without this issuer. Only the signed credential is
   * sent (a VC-JWT as the JWT, the others as handed out); the verifier finds the receipt through its
   * signed refreshService once it is anchored.
   */
  async createLink(signedCredential: string | Record<string, unknown>): Promise<VerificationLink> {
    this.assertConfigured();
    let response: Response;
    try {
      response = await fetch(`${this.config.verifierUrl}/links`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ verifiableCredential: signedCredential }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw VerifierClientError.unavailable((error as Error).message);
    }
    const body = (await response.json().catch(() => undefined)) as (VerificationLink & { error?: { message?: string } }) | undefined;
    if (response.status === 201 && body) return { code: body.code, url: body.url, qr: body.qr };
    // The verifier limits each client, and this issuer is one client for all its institutions.
    if (response.status === 429)
      throw VerifierClientError.unavailable(`rate limited; retry after ${response.headers.get('retry-after') ?? 'a while'} s`);
    if (response.status >= 400 && response.status < 500)
      throw VerifierClientError.linkRefused(body?.error?.message ?? `HTTP ${response.status}`);
    throw VerifierClientError.unavailable(`HTTP ${response.status}`);
  }
}
