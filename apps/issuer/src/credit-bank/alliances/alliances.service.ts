import { Injectable } from '@nestjs/common';
import { isUuid } from '#service-kit';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { type Institution, InstitutionsService } from '../../institutions/institutions.service.js';
import { CreditBankError } from '../credit-bank.errors.js';
import type { AddMemberRequest, CreateAllianceRequest } from '../credit-bank.dto.js';
import { type AllianceMember, AllianceMembersRepository, type MemberRole } from './alliance-members.repository.js';
import { type AllianceRecord, AlliancesRepository } from './alliances.repository.js';

export interface AllianceMemberView {
  institutionId: string;
  name: string;
  role: MemberRole;
  approverDid: string;
  addedAt: string;
}

export interface AllianceView {
  id: string;
  name: string;
  requiredApprovals: number;
  founderId: string;
  members: AllianceMemberView[];
  createdAt: string;
}

/** An alliance as its member sees it, with the caller's own membership. */
export interface VisibleAlliance {
  alliance: AllianceRecord;
  member: AllianceMember;
}

/**
 * Alliances of institutions and authorities. An alliance is visible to its members only: to anyone
 * else it does not exist. Its founder adds members; every member approves with a DID of its own.
 */
@Injectable()
export class AlliancesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly alliances: AlliancesRepository,
    private readonly members: AllianceMembersRepository,
    private readonly institutions: InstitutionsService,
  ) {}

  async create(caller: Institution, request: CreateAllianceRequest): Promise<AllianceView> {
    const id = randomUUID();
    await this.unitOfWork.run(async (tx) => {
      await this.alliances.insert(tx, { id, name: request.name, requiredApprovals: request.requiredApprovals, founderId: caller.id });
      await this.members.insert(tx, { allianceId: id, institutionId: caller.id, role: request.role, approverDid: request.approverDid });
    });
    return this.get(caller, id);
  }

  async addMember(caller: Institution, allianceId: string, request: AddMemberRequest): Promise<AllianceView> {
    const { alliance } = await this.visible(caller, allianceId);
    if (alliance.founderId !== caller.id) throw CreditBankError.founderOnly();
    await this.institutions.get(request.institutionId);
    const outcome = await this.unitOfWork.run((tx) => this.members.insert(tx, { allianceId, ...request }));
    if (outcome === 'member') throw CreditBankError.memberExists(request.institutionId);
    if (outcome === 'approver') throw CreditBankError.approverTaken(request.approverDid);
    return this.get(caller, allianceId);
  }

  async list(caller: Institution): Promise<AllianceView[]> {
    const alliances = await this.alliances.findMany(await this.members.allianceIdsOf(caller.id));
    return Promise.all(alliances.map((alliance) => this.viewOf(alliance)));
  }

  async get(caller: Institution, allianceId: string): Promise<AllianceView> {
    return this.viewOf((await this.visible(caller, allianceId)).alliance);
  }

  /** The alliance and the caller's membership; not found for an institution outside it. */
  async visible(caller: Institution, allianceId: string): Promise<VisibleAlliance> {
    const member = isUuid(allianceId) ? await this.members.find(allianceId.toLowerCase(), caller.id) : null;
    const alliance = member && (await this.alliances.find(member.allianceId));
    if (!member || !alliance) throw CreditBankError.allianceNotFound(allianceId);
    return { alliance, member };
  }

  /** A member of the alliance, or null: for services that act on a member's behalf. */
  memberOf(allianceId: string, institutionId: string): Promise<AllianceMember | null> {
    return this.members.find(allianceId, institutionId);
  }

  /** The alliance's members, for services that act within it (whose credentials an account takes, who may review). */
  membersOf(allianceId: string): Promise<AllianceMember[]> {
    return this.members.list(allianceId);
  }

  async find(allianceId: string): Promise<AllianceRecord | null> {
    return this.alliances.find(allianceId);
  }

  private async viewOf(alliance: AllianceRecord): Promise<AllianceView> {
    const members = await this.members.list(alliance.id);
    return {
      id: alliance.id,
      name: alliance.name,
      requiredApprovals: alliance.requiredApprovals,
      founderId: alliance.founderId,
      members: await Promise.all(
        members.map(async (member) => ({
          institutionId: member.institutionId,
          name: (await this.institutions.get(member.institutionId)).name,
          role: member.role,
          approverDid: member.approverDid,
          addedAt: member.addedAt.toISOString(),
        })),
      ),
      createdAt: alliance.createdAt.toISOString(),
    };
  }
}
