import { Inject, Injectable } from '@nestjs/common';
import type { VerificationLink } from '#schemas';
import type { Institution } from '../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { CredentialIssuanceError } from './credentials.errors.js';
import { IssuedCredentialsRepository } from './issued-credentials.repository.js';

/**
 * Verification links for printing on a certificate or a CV: the verifier keeps its own copy of the
 * signed credential, so the link keeps working without this issuer. Only the JWT is sent; the
 * verifier finds the receipt through the credential's signed refreshService once it is anchored.
 */
@Injectable()
export class VerificationLinksService {
  constructor(
    private readonly repository: IssuedCredentialsRepository,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  async create(institution: Institution, credentialId: string): Promise<VerificationLink> {
    if (!this.config.verifierUrl) throw CredentialIssuanceError.linksNotConfigured();
    const credential = await this.repository.findOne(institution.id, credentialId);
    if (!credential) throw CredentialIssuanceError.notFound(credentialId);
    let response: Response;
    try {
      response = await fetch(`${this.config.verifierUrl}/links`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ verifiableCredential: credential.jwt }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw CredentialIssuanceError.verifierUnavailable((error as Error).message);
    }
    const body = (await response.json().catch(() => undefined)) as (VerificationLink & { error?: { message?: string } }) | undefined;
    if (response.status === 201 && body) return { code: body.code, url: body.url, qr: body.qr };
    // The verifier limits each client, and this issuer is one client for all its institutions.
    if (response.status === 429) throw CredentialIssuanceError.verifierUnavailable(`rate limited; retry after ${response.headers.get('retry-after') ?? 'a while'} s`);
    if (response.status >= 400 && response.status < 500) throw CredentialIssuanceError.linkRefused(body?.error?.message ?? `HTTP ${response.status}`);
    throw CredentialIssuanceError.verifierUnavailable(`HTTP ${response.status}`);
  }
}
