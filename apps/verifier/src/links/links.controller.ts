import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import type { Request, Response } from 'express';
import { PAGE_CSP } from '../pages/html.js';
import { renderReportPage } from '../pages/report-page.js';
import { type VerifyCredentialRequest, verifyCredentialBody } from '../verification/verification.dto.js';
import type { VerificationLink } from '#schemas';
import { type LinkReport, LinksService } from './links.service.js';

/** Short verification links: made for a verified credential of a trusted issuer, opened by anyone. */
@Controller()
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @Post('links')
  @HttpCode(201)
  create(@Body(new ValidBody(verifyCredentialBody)) body: VerifyCredentialRequest): Promise<VerificationLink> {
    return this.links.create(body.verifiableCredential, body.anchorReceipt);
  }

  /** A page for people; the report as JSON for `Accept: application/json`. */
  @Get('v/:code')
  async open(
    @Param('code') code: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LinkReport | string> {
    const report = await this.links.report(code);
    response.setHeader('Vary', 'Accept');
    if (request.accepts(['html', 'json']) === 'json') return report;
    response.type('html').setHeader('Content-Security-Policy', PAGE_CSP(false));
    return renderReportPage({ report, display: report.display, link: report.link });
  }

  @Get('v/:code/qr.png')
  @Header('Cache-Control', 'public, max-age=86400')
  async qrPng(@Param('code') code: string): Promise<StreamableFile> {
    return new StreamableFile(await this.links.qrPng(code), { type: 'image/png' });
  }

  @Get('v/:code/qr.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=86400')
  qrSvg(@Param('code') code: string): Promise<string> {
    return this.links.qrSvg(code);
  }
}
