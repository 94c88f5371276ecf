import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { screenJson } from '#service-kit';
import type { Response } from 'express';
import { CredentialVerifier } from '#verification';
import { credentialDisplay } from './credential-display.js';
import { PAGE_CSP } from './html.js';
import { renderReportPage } from './report-page.js';
import { renderStartPage } from './start-page.js';

/** The verifier's start page: paste or upload a credential (or a package) and see its report. */
@Controller()
export class PagesController {
  constructor(private readonly verification: CredentialVerifier) {}

  @Get()
  start(@Res({ passthrough: true }) response: Response): string {
    response.type('html').setHeader('Content-Security-Policy', PAGE_CSP(true));
    return renderStartPage();
  }

  @Post('check')
  @HttpCode(200)
  async check(@Body() form: { credential?: unknown }, @Res({ passthrough: true }) response: Response): Promise<string> {
    response.type('html');
    const pasted = pastedCredential(form?.credential);
    if ('problem' in pasted) {
      response.status(400).setHeader('Content-Security-Policy', PAGE_CSP(true));
      return renderStartPage(pasted.problem);
    }
    const { report, credential } = await this.verification.verify(pasted.credential, { anchorReceipt: pasted.anchorReceipt });
    response.setHeader('Content-Security-Policy', PAGE_CSP(false));
    return renderReportPage({ report, ...(credential ? { display: credentialDisplay(credential.credential) } : {}) });
  }
}

/** A JWT as it is, or JSON: a credential, or a package with `verifiableCredential` and `anchorReceipt`. */
function pastedCredential(value: unknown): { credential: unknown; anchorReceipt?: unknown } | { problem: string } {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return { problem: 'Paste a credential or choose its file first.' };
  if (!text.startsWith('{')) return { credential: text };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { problem: 'That is neither a JWT nor valid JSON.' };
  }
  // Pasted text is a second JSON document inside the form, which the body screening cannot see.
  const unfit = screenJson(parsed);
  if (unfit) return { problem: unfit.message };
  return 'verifiableCredential' in parsed
    ? { credential: parsed.verifiableCredential, anchorReceipt: parsed.anchorReceipt }
    : { credential: parsed };
}
