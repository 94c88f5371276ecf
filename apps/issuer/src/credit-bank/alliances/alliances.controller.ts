import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import { ApiKeyGuard, CallingInstitution } from '../../institutions/auth.guards.js';
import type { Institution } from '../../institutions/institutions.service.js';
import { type AddMemberRequest, addMemberBody, type CreateAllianceRequest, createAllianceBody } from '../credit-bank.dto.js';
import { type AllianceView, AlliancesService } from './alliances.service.js';

/** A member institution's endpoints for its alliances. */
@Controller('v1/alliances')
@UseGuards(ApiKeyGuard)
export class AlliancesController {
  constructor(private readonly alliances: AlliancesService) {}

  @Post()
  @HttpCode(201)
  create(
    @CallingInstitution() institution: Institution,
    @Body(new ValidBody(createAllianceBody)) request: CreateAllianceRequest,
  ): Promise<AllianceView> {
    return this.alliances.create(institution, request);
  }

  @Get()
  list(@CallingInstitution() institution: Institution): Promise<AllianceView[]> {
    return this.alliances.list(institution);
  }

  @Get(':id')
  get(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<AllianceView> {
    return this.alliances.get(institution, id);
  }

  @Post(':id/members')
  @HttpCode(201)
  addMember(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Body(new ValidBody(addMemberBody)) request: AddMemberRequest,
  ): Promise<AllianceView> {
    return this.alliances.addMember(institution, id, request);
  }
}
