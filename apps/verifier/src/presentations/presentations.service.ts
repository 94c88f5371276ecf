import { Injectable } from '@nestjs/common';
import { type PresentationOptions, type PresentationReport, PresentationVerifier } from '#verification';
import { type CreditSummary, creditSummary } from './credit-summary.js';

/** What a receiving school gets back: the presentation's report and the credits it can count from it. */
export interface PresentationAnswer extends PresentationReport {
  creditSummary: CreditSummary;
}

@Injectable()
export class PresentationsService {
  constructor(private readonly presentations: PresentationVerifier) {}

  async verifyPresentation(input: unknown, options: PresentationOptions): Promise<PresentationAnswer> {
    const { report, signed } = await this.presentations.verify(input, options);
    const { holder, ...rest } = report;
    const summary = creditSummary(
      report.credentials.map((credential) => ({
        index: credential.index,
        verdict: credential.verdict,
        holderIsSubject: credential.holder.status === 'valid',
        issuerUnknown: credential.warnings.some((warning) => warning.reason?.code === 'ISSUER_UNKNOWN'),
        signed: signed[credential.index],
        ...(credential.issuer
          ? { issuer: { id: credential.issuer.id, ...(credential.issuer.name ? { name: credential.issuer.name } : {}) } }
          : {}),
      })),
    );
    return { ...rest, creditSummary: summary, ...(holder !== undefined ? { holder } : {}) };
  }
}
