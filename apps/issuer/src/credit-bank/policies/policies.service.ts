import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KeyResolver } from '#identity';
import { type AnchorReceipt } from '#anchoring';
import { canonicalJson, digestMultibase, issuanceTimestamp, type RecognitionPolicy, validateRecognitionPolicy } from '#schemas';
import { isUuid } from '#service-kit';
import { randomUUID } from 'node:crypto';
import { AnchorReceiptsService } from '../../anchoring/anchor-receipts.service.js';
import { AnchorLeavesRepository } from '../../anchoring/anchor-leaves.repository.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { IssuerIdentityService } from '../../identity/issuer-identity.service.js';
import { type IssuedSignedCredential, signedCredentialOf } from '../../identity/signed-credential.js';
import { type Institution, InstitutionsService } from '../../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../../issuer.config.js';
import { AlliancesService } from '../alliances/alliances.service.js';
import { CreditBankError } from '../credit-bank.errors.js';
import { PoliciesRepository, type PolicyRecord } from './policies.repository.js';
import { APPROVAL_KEY_RESOLVER, checkApproval } from './policy-approval-check.js';
import { PolicyApprovalsRepository } from './policy-approvals.repository.js';
import { POLICY_VERSION_LEAF_SOURCE, type PolicyVersionRecord, PolicyVersionsRepository } from './policy-versions.repository.js';

export interface PolicyApprovalView {
  institutionId: string;
  name: string;
  approverDid: string;
  approvedAt: string;
  /** The member's signed approval (a `vp+jwt`), for anyone to check again. */
  approval: string;
}

export interface PolicyVersionView {
  policyId: string;
  version: number;
  state: 'proposed' | 'published';
  url: string;
  /** The policy's text, served exactly as its digest was taken (RFC 8785 JSON). */
  documentUrl: string;
  digest: string;
  alliance: { id: string; name: string; requiredApprovals: number };
  receivingInstitution: { name: string; did: string; didWeb: string };
  proposedAt: string;
  publishedAt: string | null;
  /** The approvals of this text; approvals of a text the version had before do not count. */
  approvals: PolicyApprovalView[];
  policy: RecognitionPolicy;
  /** The receiving institution's signed publication (Data Integrity), citing the text by digest. */
  publication: Record<string, unknown> | null;
  /** Null until the publication's batch is anchored. */
  anchorReceipt: AnchorReceipt | null;
}

/** A published policy version, as recognition uses it. */
export interface PublishedPolicy {
  policyId: string;
  version: number;
  policy: RecognitionPolicy;
}

export interface PolicyView {
  id: string;
  allianceId: string;
  institutionId: string;
  programmeId: string;
  createdAt: string;
  versions: PolicyVersionView[];
}

/**
 * Recognition policies: a receiving institution proposes one for its programme within an alliance it
 * belongs to; members approve a version by signing its digest; at the alliance's k-th approval the
 * version is published (signed by the receiving institution, its publication anchored) and frozen.
 */
@Injectable()
export class PoliciesService {
  private readonly logger = new Logger(PoliciesService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: PoliciesRepository,
    private readonly versions: PolicyVersionsRepository,
    private readonly approvals: PolicyApprovalsRepository,
    private readonly alliances: AlliancesService,
    private readonly institutions: InstitutionsService,
    private readonly identity: IssuerIdentityService,
    private readonly anchorLeaves: AnchorLeavesRepository,
    private readonly receipts: AnchorReceiptsService,
    @Inject(APPROVAL_KEY_RESOLVER) private readonly resolveKey: KeyResolver,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  versionUrl(policyId: string, version: number): string {
    return `${this.config.publicUrl}/v1/policies/${policyId}/versions/${version}`;
  }

  async propose(caller: Institution, allianceId: string, document: unknown): Promise<PolicyView> {
    const { alliance } = await this.alliances.visible(caller, allianceId);
    const policy = this.checked(caller, document);
    const id = randomUUID();
    const inserted = await this.unitOfWork.run(async (tx) => {
      if (!(await this.policies.insert(tx, { id, allianceId: alliance.id, institutionId: caller.id, programmeId: policy.programme.id })))
        return false;
      await this.versions.insert(tx, { id: randomUUID(), policyId: id, version: 1, document: policy, digest: digestOf(policy) });
      return true;
    });
    if (!inserted) {
      const existing = await this.policies.findByProgramme(alliance.id, caller.id, policy.programme.id);
      throw CreditBankError.policyExists(existing?.id ?? 'unknown');
    }
    return this.view(caller, id);
  }

  /** A new version of the proposer's policy, for the same programme: how a published policy changes. */
  async proposeVersion(caller: Institution, policyId: string, document: unknown): Promise<PolicyVersionView> {
    const record = await this.ownPolicy(caller, policyId);
    const policy = this.checked(caller, document, record.programmeId);
    const version = await this.unitOfWork.run(async (tx) => {
      await this.policies.lock(tx, record.id);
      const next = await this.versions.nextNumber(tx, record.id);
      await this.versions.insert(tx, { id: randomUUID(), policyId: record.id, version: next, document: policy, digest: digestOf(policy) });
      return next;
    });
    return this.versionView(record.id, version);
  }

  /** Replaces a proposed version's text; approvals given to the old text stop counting. */
  async replace(caller: Institution, policyId: string, version: number, document: unknown): Promise<PolicyVersionView> {
    const record = await this.ownPolicy(caller, policyId);
    const existing = await this.versions.find(record.id, version);
    if (!existing) throw CreditBankError.versionNotFound(policyId, version);
    if (existing.state === 'published') throw CreditBankError.published(policyId, version);
    const policy = this.checked(caller, document, record.programmeId);
    await this.unitOfWork.run(async (tx) => {
      const locked = await this.versions.lock(tx, record.id, version);
      if (locked?.state !== 'proposed') throw CreditBankError.published(policyId, version);
      await this.versions.replace(tx, locked.id, policy, digestOf(policy));
    });
    return this.versionView(record.id, version);
  }

  /**
   * Records a member's signed approval of the version's current text; the k-th publishes it. A member
   * that sends its approval again after an interruption finishes a publication left undone.
   */
  async approve(caller: Institution, policyId: string, version: number, approval: string): Promise<PolicyVersionView> {
    const record = await this.visiblePolicy(caller, policyId);
    const member = await this.alliances.memberOf(record.allianceId, caller.id);
    const alliance = await this.alliances.find(record.allianceId);
    const existing = await this.versions.find(record.id, version);
    if (!member || !alliance) throw CreditBankError.policyNotFound(policyId);
    if (!existing) throw CreditBankError.versionNotFound(policyId, version);
    if (existing.state === 'published') throw CreditBankError.published(policyId, version);
    const check = await checkApproval(
      approval,
      { approverDid: member.approverDid, digest: existing.digest, versionUrl: this.versionUrl(record.id, version) },
      this.resolveKey,
    );
    if (!check.ok) throw check.retry ? CreditBankError.approverUnavailable(check.reason) : CreditBankError.approvalInvalid(check.reason);
    const outcome = await this.unitOfWork.run(async (tx) => {
      const locked = await this.versions.lock(tx, record.id, version);
      if (!locked) throw CreditBankError.versionNotFound(policyId, version);
      if (locked.state === 'published') throw CreditBankError.published(policyId, version);
      // The text changed while the approval was checked: it signed the old digest.
      if (locked.digest !== existing.digest)
        throw CreditBankError.approvalInvalid({
          code: 'CHALLENGE_MISMATCH',
          message: 'The version was changed meanwhile; sign its new digest.',
        });
      const added = await this.approvals.insert(tx, {
        policyVersionId: locked.id,
        institutionId: caller.id,
        digest: locked.digest,
        approverDid: member.approverDid,
        approval,
      });
      return { added, approved: await this.approvals.count(tx, locked.id, locked.digest) };
    });
    if (outcome.approved >= alliance.requiredApprovals) await this.publish(record, existing);
    else if (!outcome.added) throw CreditBankError.alreadyApproved();
    return this.versionView(record.id, version);
  }

  /** The alliance's policies, every version, for its members. */
  async listInAlliance(caller: Institution, allianceId: string): Promise<PolicyView[]> {
    const { alliance } = await this.alliances.visible(caller, allianceId);
    const records = await this.policies.listInAlliance(alliance.id);
    return Promise.all(records.map((record) => this.viewOf(record)));
  }

  async view(caller: Institution, policyId: string): Promise<PolicyView> {
    return this.viewOf(await this.visiblePolicy(caller, policyId));
  }

  /** What anyone may read: a published version. Proposed ones are the alliance's business until published. */
  async publishedVersion(policyId: string, version: number): Promise<PolicyVersionView> {
    const record = isUuid(policyId) ? await this.policies.find(policyId.toLowerCase()) : null;
    const found = record && (await this.versions.find(record.id, version));
    if (!record || found?.state !== 'published') throw CreditBankError.versionNotFound(policyId, version);
    return (await this.versionViews(record, [found]))[0];
  }

  /**
   * The latest published version of each policy the institution has in the alliance: what its credit
   * accounts there are recognised by, and what their caps are counted against.
   */
  async latestPublished(allianceId: string, institutionId: string): Promise<PublishedPolicy[]> {
    const records = (await this.policies.listInAlliance(allianceId)).filter((record) => record.institutionId === institutionId);
    const versions = await this.versions.listOf(records.map((record) => record.id));
    return records.flatMap((record) => {
      const published = versions.filter((version) => version.policyId === record.id && version.state === 'published').at(-1);
      return published ? [{ policyId: record.id, version: published.version, policy: published.document }] : [];
    });
  }

  /** A published version of a policy of the institution in the alliance, for recognitions; not found for any other. */
  async publishedOf(allianceId: string, institutionId: string, policyId: string, version: number): Promise<PublishedPolicy> {
    const record = isUuid(policyId) ? await this.policies.find(policyId.toLowerCase()) : null;
    if (!record || record.allianceId !== allianceId || record.institutionId !== institutionId)
      throw CreditBankError.policyNotFound(policyId);
    const found = await this.versions.find(record.id, version);
    if (!found) throw CreditBankError.versionNotFound(policyId, version);
    if (found.state !== 'published') throw CreditBankError.notPublished(policyId, version);
    return { policyId: record.id, version, policy: found.document };
  }

  /** The published text exactly as its digest was taken. */
  async publishedDocument(policyId: string, version: number): Promise<string> {
    return canonicalJson((await this.publishedVersion(policyId, version)).policy);
  }

  /**
   * Signs the publication (outside any transaction: the key store needs a connection of its own),
   * then publishes and queues its anchor leaf in one transaction, if the version is still the text
   * that was approved and no one published it meanwhile.
   */
  private async publish(record: PolicyRecord, approved: PolicyVersionRecord): Promise<void> {
    const institution = await this.institutions.get(record.institutionId);
    const signed = await this.signPublication(institution, record, approved);
    const published = await this.unitOfWork.run(async (tx) => {
      const locked = await this.versions.lock(tx, record.id, approved.version);
      if (locked?.state !== 'proposed' || locked.digest !== approved.digest) return false;
      await this.versions.publish(tx, locked.id, signed);
      await this.anchorLeaves.enqueue(tx, { source: POLICY_VERSION_LEAF_SOURCE, sourceId: locked.id, signed });
      return true;
    });
    if (published) this.logger.log(`Policy ${record.id} version ${approved.version} published`);
  }

  /**
   * The publication: a VCDM 2.0 credential of the receiving institution's did:web about the
   * version's URL, binding the exact text through `relatedResource` and its `digestMultibase`.
   */
  private async signPublication(
    institution: Institution,
    record: PolicyRecord,
    version: PolicyVersionRecord,
  ): Promise<IssuedSignedCredential> {
    const url = this.versionUrl(record.id, version.version);
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `urn:uuid:${randomUUID()}`,
      type: ['VerifiableCredential'],
      name: `Recognition policy for ${version.document.programme.name}, version ${version.version}`,
      issuer: institution.didWeb,
      validFrom: issuanceTimestamp(),
      credentialSubject: { id: url },
      relatedResource: [{ id: `${url}/document`, digestMultibase: version.digest, mediaType: 'application/json' }],
    };
    const { signed } = await this.identity.sign(institution, credential, {
      format: 'ldp_vc',
      identity: 'web',
      cryptosuite: 'eddsa-rdfc-2022',
    });
    return signed;
  }

  /** The policy document, if valid, proposed by the caller for itself (and for the policy's programme). */
  private checked(caller: Institution, document: unknown, programmeId?: string): RecognitionPolicy {
    const violations = validateRecognitionPolicy(document);
    const policy = document as RecognitionPolicy;
    if (violations.length === 0 && programmeId !== undefined && policy.programme.id !== programmeId)
      violations.push({ path: '/programme/id', message: `must stay ${programmeId}: a new version is of the same programme` });
    if (violations.length > 0) throw CreditBankError.policyInvalid(violations);
    if (policy.receivingInstitution !== caller.did && policy.receivingInstitution !== caller.didWeb)
      throw CreditBankError.foreignInstitution(policy.receivingInstitution);
    return policy;
  }

  private async visiblePolicy(caller: Institution, policyId: string): Promise<PolicyRecord> {
    const record = isUuid(policyId) ? await this.policies.find(policyId.toLowerCase()) : null;
    if (!record || !(await this.alliances.memberOf(record.allianceId, caller.id))) throw CreditBankError.policyNotFound(policyId);
    return record;
  }

  private async ownPolicy(caller: Institution, policyId: string): Promise<PolicyRecord> {
    const record = await this.visiblePolicy(caller, policyId);
    if (record.institutionId !== caller.id) throw CreditBankError.proposerOnly();
    return record;
  }

  private async versionView(policyId: string, version: number): Promise<PolicyVersionView> {
    const record = await this.policies.find(policyId);
    const found = record && (await this.versions.find(policyId, version));
    if (!record || !found) throw CreditBankError.versionNotFound(policyId, version);
    return (await this.versionViews(record, [found]))[0];
  }

  private async viewOf(record: PolicyRecord): Promise<PolicyView> {
    return {
      id: record.id,
      allianceId: record.allianceId,
      institutionId: record.institutionId,
      programmeId: record.programmeId,
      createdAt: record.createdAt.toISOString(),
      versions: await this.versionViews(record, await this.versions.listOf([record.id])),
    };
  }

  private async versionViews(record: PolicyRecord, versions: PolicyVersionRecord[]): Promise<PolicyVersionView[]> {
    const alliance = await this.alliances.find(record.allianceId);
    const receiving = await this.institutions.get(record.institutionId);
    const approvals = await this.approvals.listOf(versions.map((version) => version.id));
    const receipts = await this.receipts.stored(
      POLICY_VERSION_LEAF_SOURCE,
      versions.filter((version) => version.state === 'published').map((version) => version.id),
    );
    const names = new Map<string, string>();
    for (const approval of approvals)
      if (!names.has(approval.institutionId)) names.set(approval.institutionId, (await this.institutions.get(approval.institutionId)).name);
    if (!alliance) throw CreditBankError.policyNotFound(record.id);
    return versions.map((version) => {
      const url = this.versionUrl(record.id, version.version);
      return {
        policyId: record.id,
        version: version.version,
        state: version.state,
        url,
        documentUrl: `${url}/document`,
        digest: version.digest,
        alliance: { id: alliance.id, name: alliance.name, requiredApprovals: alliance.requiredApprovals },
        receivingInstitution: { name: receiving.name, did: receiving.did, didWeb: receiving.didWeb },
        proposedAt: version.proposedAt.toISOString(),
        publishedAt: version.publishedAt?.toISOString() ?? null,
        approvals: approvals
          .filter((approval) => approval.policyVersionId === version.id && approval.digest === version.digest)
          .map((approval) => ({
            institutionId: approval.institutionId,
            name: names.get(approval.institutionId) ?? '',
            approverDid: approval.approverDid,
            approvedAt: approval.approvedAt.toISOString(),
            approval: approval.approval,
          })),
        policy: version.document,
        publication: version.publication ? signedCredentialOf(version.publication).credential : null,
        anchorReceipt: receipts.get(version.id) ?? null,
      };
    });
  }
}

/** What members sign and the publication cites: the digest of the text's RFC 8785 form. */
function digestOf(policy: RecognitionPolicy): string {
  return digestMultibase(canonicalJson(policy));
}
