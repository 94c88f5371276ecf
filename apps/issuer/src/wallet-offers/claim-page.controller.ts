import { applyDecorators, Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import { PAGE_CSP } from '#service-kit';
import type { Response } from 'express';
import { renderClaimPage } from './claim-page.js';
import { WalletOffersService } from './wallet-offers.service.js';

/** Never cached, never sent on as a referrer, never indexed: the URL is the secret. */
const Secret = () =>
  applyDecorators(Header('Cache-Control', 'no-store'), Header('Referrer-Policy', 'no-referrer'), Header('X-Robots-Tag', 'noindex'));

/** Public: an offer's claim page and its QR codes, found by the offer's pre-authorized code (the capability). */
@Controller('offers')
export class ClaimPageController {
  constructor(private readonly offers: WalletOffersService) {}

  @Get(':code')
  @Secret()
  async page(@Param('code') code: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const offer = await this.offers.claimPage(code);
    response.type('html').setHeader('Content-Security-Policy', PAGE_CSP(false));
    return renderClaimPage(offer);
  }

  @Get(':code/qr.png')
  @Header('Content-Type', 'image/png')
  @Secret()
  async png(@Param('code') code: string): Promise<StreamableFile> {
    return new StreamableFile(await this.offers.qrPng(code));
  }

  @Get(':code/qr.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Secret()
  qrSvg(@Param('code') code: string): Promise<string> {
    return this.offers.qrSvg(code);
  }
}
