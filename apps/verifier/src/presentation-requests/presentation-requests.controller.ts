import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import type { Request, Response } from 'express';
import { PAGE_CSP } from '../pages/html.js';
import { renderPresentationRequestPage } from './presentation-request-page.js';
import {
  type CreatePresentationRequest,
  createPresentationRequestBody,
  type DirectPostResponse,
  directPostBody,
  type ExchangeStep,
  exchangeStepBody,
} from './presentation-requests.dto.js';
import { type PresentationRequestView, PresentationRequestsService } from './presentation-requests.service.js';

/**
 * A school's presentation requests, and the endpoints wallets answer them at: OpenID4VP (request
 * object by reference, `direct_post`) and a VC-API exchange (the Learner Credential Wallet).
 */
@Controller()
export class PresentationRequestsController {
  constructor(private readonly requests: PresentationRequestsService) {}

  @Post('presentation-requests')
  @HttpCode(201)
  create(@Body(new ValidBody(createPresentationRequestBody)) body: CreatePresentationRequest): Promise<PresentationRequestView> {
    return this.requests.create(body);
  }

  /** The school's page; the same as JSON for `Accept: application/json`. */
  @Get('presentation-requests/:id')
  async show(
    @Param('id') id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PresentationRequestView | string> {
    const view = await this.requests.view(id);
    response.setHeader('Vary', 'Accept').setHeader('Cache-Control', 'no-store');
    if (request.accepts(['html', 'json']) === 'json') return view;
    response.type('html').setHeader('Content-Security-Policy', PAGE_CSP(false));
    return renderPresentationRequestPage(view);
  }

  @Get('presentation-requests/:id/qr.svg')
  @Header('Content-Type', 'image/svg+xml')
  qrSvg(@Param('id') id: string, @Query('wallet') wallet?: string): Promise<string> {
    return this.requests.qrSvg(id, wallet === 'vc-api' ? 'vc-api' : 'openid4vp');
  }

  @Get('openid4vp/requests/:transactionId')
  @Header('Content-Type', 'application/oauth-authz-req+jwt')
  @Header('Cache-Control', 'no-store')
  requestObject(@Param('transactionId') transactionId: string): Promise<string> {
    return this.requests.requestObject(transactionId);
  }

  /** A processed answer is a 200 whatever its verdict: the school reads the result. */
  @Post('openid4vp/responses/:transactionId')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async directPost(
    @Param('transactionId') transactionId: string,
    @Body(new ValidBody(directPostBody)) body: DirectPostResponse,
  ): Promise<Record<string, never>> {
    await this.requests.answerOpenid4vp(transactionId, body);
    return {};
  }

  @Post('exchanges/:transactionId')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  exchange(@Param('transactionId') transactionId: string, @Body(new ValidBody(exchangeStepBody)) body: ExchangeStep): Promise<object> {
    return this.requests.exchange(transactionId, body);
  }
}
