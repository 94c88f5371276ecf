import { Injectable } from '@nestjs/common';
import { type PresentationOptions, type PresentationReport, PresentationVerifier } from '#verification';
import { type CreditSummary, creditSummary, presentedCredentialsOf } from './credit-summary.js';

/** What a receiving school gets back: the presentation's report and the credits it can count from it. */
export interface PresentationAnswer extends PresentationReport {
  creditSummary: CreditSummary;
}

@Injectable()
export class PresentationsService {
  constructor(private readonly presentations: PresentationVerifier) {}

  async verifyPresentation(input: unknown, options: PresentationOptions): Promise<PresentationAnswer> {
    const verification = await this.presentations.verify(input, options);
    const { holder, ...rest } = verification.report;
    const summary = creditSummary(presentedCredentialsOf(verification));
    return { ...rest, creditSummary: summary, ...(holder !== undefined ? { holder } : {}) };
  }
}
