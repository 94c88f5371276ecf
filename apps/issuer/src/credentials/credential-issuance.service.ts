import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  buildCredential,
  type CredentialFacts,
  type CredentialKind,
  detectCredentialKind,
  issuanceTimestamp,
  issuerObject,
  packageService,
  type UnsignedCredential,
  validateCredential,
  type VerificationLink,
} from '#schemas';
import type { VerifiableCredential } from 'did-jwt-vc';
import { randomUUID } from 'node:crypto';
import { AnchorLeavesRepository } from '../anchoring/anchor-leaves.repository.js';
import { AnchorReceiptsService } from '../anchoring/anchor-receipts.service.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { IssuerIdentityService } from '../identity/issuer-identity.service.js';
import { signedCredentialOf } from '../identity/signed-credential.js';
import { type Institution, issuerProfileOf } from '../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { StatusListsService } from '../status-lists/status-lists.service.js';
import { VerifierClient } from '../verifier-client/verifier-client.js';
import { CredentialIssuanceError } from './credentials.errors.js';
import type { ListQuery, VcApiIssueRequest } from './credentials.dto.js';
import { CREDENTIAL_LEAF_SOURCE, type IssuedCredentialRecord, IssuedCredentialsRepository } from './issued-credentials.repository.js';
import { checkSignedCredential } from './signed-credential-check.js';

/** `issued`: signed and stored, waiting for its batch; `anchored`: its batch is confirmed on chain. */
export type IssuedCredentialState = 'issued' | 'anchored';

export interface IssuedCredential {
  id: string;
  kind: CredentialKind;
  issuedAt: string;
  state: IssuedCredentialState;
  /** The credential decoded from its VC-JWT, with the JWT itself as `proof.jwt`. */
  verifiableCredential: VerifiableCredential;
}

export type IssuedCredentialSummary = Omit<IssuedCredential, 'verifiableCredential'>;

@Injectable()
export class CredentialIssuanceService {
  private readonly logger = new Logger(CredentialIssuanceService.name);

  constructor(
    private readonly identity: IssuerIdentityService,
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: IssuedCredentialsRepository,
    private readonly anchorLeaves: AnchorLeavesRepository,
    private readonly anchoring: AnchorReceiptsService,
    private readonly statusLists: StatusListsService,
    private readonly verifier: VerifierClient,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /** A registrar's facts -> an Open Badges 3.0 credential of that kind, signed and recorded. */
  issueFromFacts(institution: Institution, facts: CredentialFacts): Promise<IssuedCredential> {
    const id = newCredentialId();
    const credential = buildCredential(facts, {
      id,
      issuer: issuerProfileOf(institution),
      issuanceDate: issuanceTimestamp(),
      packageUrl: this.packageUrl(id),
    });
    return this.signAndRecord(institution, facts.kind, credential);
  }

  /** A W3C VC-API issue request, for standard clients; the credential must be one of our kinds. */
  issueVcApi(institution: Institution, request: VcApiIssueRequest): Promise<IssuedCredential> {
    const submitted = request.credential;
    if ('proof' in submitted) throw CredentialIssuanceError.proofNotAllowed();
    if ('id' in submitted) throw CredentialIssuanceError.idNotAllowed();
    if ('credentialStatus' in submitted) throw CredentialIssuanceError.statusNotAllowed();
    if ('refreshService' in submitted) throw CredentialIssuanceError.refreshServiceNotAllowed();
    const reserved = JWT_RESERVED_MEMBERS.find((name) => Object.hasOwn(submitted, name));
    if (reserved) throw CredentialIssuanceError.reservedMemberNotAllowed(reserved);
    const requestedIssuer = issuerIdOf(submitted.issuer);
    if (requestedIssuer !== undefined && requestedIssuer !== institution.did) {
      throw CredentialIssuanceError.foreignIssuer(requestedIssuer, institution.did);
    }
    const id = newCredentialId();
    const credential = {
      ...submitted,
      refreshService: packageService(this.packageUrl(id)),
      id,
      issuer: issuerObject(issuerProfileOf(institution)),
      issuanceDate: Object.hasOwn(submitted, 'issuanceDate') ? submitted.issuanceDate : issuanceTimestamp(),
    } as unknown as UnsignedCredential;
    const kind = detectCredentialKind(credential);
    if (!kind) throw CredentialIssuanceError.unsupportedKind();
    return this.signAndRecord(institution, kind, credential);
  }

  async get(institution: Institution, id: string): Promise<IssuedCredential> {
    const record = await this.repository.findOne(institution.id, id);
    if (!record) throw CredentialIssuanceError.notFound(id);
    const anchored = await this.anchoredOf([record]);
    return { ...summaryOf(record, anchored), verifiableCredential: signedCredentialOf(record.signed).credential };
  }

  async list(institution: Institution, query: ListQuery): Promise<IssuedCredentialSummary[]> {
    const records = await this.repository.list(institution.id, query.limit, query.offset);
    const anchored = await this.anchoredOf(records);
    return records.map((record) => summaryOf(record, anchored));
  }

  /** A short verification link and its QR codes for one of the institution's credentials, made on the verifier. */
  async verificationLink(institution: Institution, id: string): Promise<VerificationLink> {
    this.verifier.assertConfigured();
    const record = await this.repository.findOne(institution.id, id);
    if (!record) throw CredentialIssuanceError.notFound(id);
    return this.verifier.createLink(record.signed.bytes);
  }

  /** Where the credential's anchored package will be served. */
  private packageUrl(id: string): string {
    return `${this.config.publicUrl}/v1/anchors/credentials/${encodeURIComponent(id)}/package`;
  }

  /**
   * Signs and stores a valid credential as one unit of work: its status index, its row and its leaf
   * commit together or not at all, so a refused or failed signature leaves nothing behind. The index
   * is drawn and the credential signed and checked with no transaction open: the key store takes a
   * pooled connection of its own, and issuances each holding one inside a transaction while waiting
   * for another would deadlock a full pool. An index taken by another issuance in between means a
   * new draw and a new signature.
   */
  private async signAndRecord(institution: Institution, kind: CredentialKind, credential: UnsignedCredential): Promise<IssuedCredential> {
    const violations = validateCredential(kind, credential);
    if (violations.length > 0) throw CredentialIssuanceError.schemaInvalid(violations);
    for (;;) {
      const slot = await this.statusLists.draw(institution);
      const signed = await this.identity.signCredential({ ...credential, credentialStatus: slot.entries }, institution.did);
      const signingKey = await this.identity.signingKeyOf(institution.did);
      const problem = await checkSignedCredential(signed, { kind, signingKey, now: new Date() });
      if (problem) throw CredentialIssuanceError.signedCredentialRefused(problem);
      const record: IssuedCredentialRecord = { id: credential.id, institutionId: institution.id, kind, issuedAt: new Date(), signed };
      const stored = await this.unitOfWork.run(async (tx) => {
        if (!(await this.statusLists.claim(tx, institution, record.id, slot))) return false;
        await this.repository.insert(tx, record);
        await this.anchorLeaves.enqueue(tx, { source: CREDENTIAL_LEAF_SOURCE, sourceId: record.id, signed });
        return true;
      });
      if (stored) {
        this.logger.log(`Issued ${kind} credential ${record.id} for institution ${institution.id}`);
        return { ...summaryOf(record, new Set()), verifiableCredential: signed.credential };
      }
    }
  }

  /** Which of these credentials anchoring holds a receipt for. */
  private async anchoredOf(records: IssuedCredentialRecord[]): Promise<Set<string>> {
    const receipts = await this.anchoring.stored(
      CREDENTIAL_LEAF_SOURCE,
      records.map((record) => record.id),
    );
    return new Set(receipts.keys());
  }
}

function summaryOf(record: IssuedCredentialRecord, anchored: Set<string>): IssuedCredentialSummary {
  return {
    id: record.id,
    kind: record.kind,
    issuedAt: record.issuedAt.toISOString(),
    state: anchored.has(record.id) ? 'anchored' : 'issued',
  };
}

function issuerIdOf(issuer: unknown): string | undefined {
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null && 'id' in issuer) return String(issuer.id);
  return undefined;
}

/**
 * Members the VC-JWT encoding (did-jwt-vc) takes as the JWT's own claims, or merges into them, rather
 * than as credential members: sent in a credential, they would let a client set the signed `iss`,
 * `nbf` or `exp` itself, or make the encoder throw.
 */
const JWT_RESERVED_MEMBERS = ['vc', 'vp', 'iss', 'sub', 'aud', 'jti', 'nbf', 'exp', 'iat', 'context'];

function newCredentialId(): string {
  return `urn:uuid:${randomUUID()}`;
}
