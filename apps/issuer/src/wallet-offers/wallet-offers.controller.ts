import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, CallingInstitution } from '../institutions/auth.guards.js';
import type { Institution } from '../institutions/institutions.service.js';
import { type OfferRequest, OfferRequestPipe } from './wallet-offers.dto.js';
import { type CreatedWalletOffer, WalletOffersService } from './wallet-offers.service.js';

/** The registrar's endpoint: an OpenID4VCI offer of one of the institution's credentials to the learner's wallet. */
@Controller('v1/credentials')
@UseGuards(ApiKeyGuard)
export class WalletOffersController {
  constructor(private readonly offers: WalletOffersService) {}

  @Post(':id/offer')
  @HttpCode(201)
  offer(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Body(new OfferRequestPipe()) request: OfferRequest,
  ): Promise<CreatedWalletOffer> {
    return this.offers.create(institution, id, request);
  }
}
