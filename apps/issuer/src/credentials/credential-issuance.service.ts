import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  buildCredential,
  type CredentialKind,
  CONTEXT_URLS,
  dataModelOf,
  detectCredentialKind,
  issuanceTimestamp,
  issuerObject,
  packageService,
  type IssuerProfile,
  type SchemaViolation,
  type SignedCredentialFormat,
  type CredentialStatusEntry,
  validateCredential,
  validateVcdmCredential,
  type VerificationLink,
} from '#schemas';
import { randomUUID } from 'node:crypto';
import { AnchorLeavesRepository } from '../anchoring/anchor-leaves.repository.js';
import { AnchorReceiptsService } from '../anchoring/anchor-receipts.service.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { issuerIdOf, IssuerIdentityService, type SigningChoice } from '../identity/issuer-identity.service.js';
import { handedOut, signedCredentialOf } from '../identity/signed-credential.js';
import { type Institution, issuerProfileOf } from '../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { type StatusSlot, StatusListsService } from '../status-lists/status-lists.service.js';
import { VerifierClient } from '../verifier-client/verifier-client.js';
import { CredentialIssuanceError } from './credentials.errors.js';
import type { FactsIssueRequest, IssuanceOptions, ListQuery, VcApiIssueRequest } from './credentials.dto.js';
import { CREDENTIAL_LEAF_SOURCE, type IssuedCredentialRecord, IssuedCredentialsRepository } from './issued-credentials.repository.js';
import { holderBoundCredential } from './holder-bound-credential.js';
import { checkSignedCredential } from './signed-credential-check.js';
import { signingDecisionOf } from './signing-choice.js';

/** `issued`: signed and stored, waiting for its batch; `anchored`: its batch is confirmed on chain. */
export type IssuedCredentialState = 'issued' | 'anchored';

export interface IssuedCredential {
  id: string;
  /** Which of our kinds it is; null for any other credential signed through the VC-API. */
  kind: CredentialKind | null;
  format: SignedCredentialFormat;
  issuedAt: string;
  state: IssuedCredentialState;
  /**
   * The credential as handed out: a VC-JWT decoded with the JWT itself as `proof.jwt`; a `vc+jwt` as
   * an EnvelopedVerifiableCredential; an `ldp_vc` as the document with its proof.
   */
  verifiableCredential: Record<string, unknown>;
}

export type IssuedCredentialSummary = Omit<IssuedCredential, 'verifiableCredential'>;

/** A credential ready to sign once its status entries are known, and how to check it. */
interface Unsigned {
  id: string;
  kind: CredentialKind | undefined;
  choice: SigningChoice;
  /** The credential with the status entries of a drawn index: the two 1-bit lists' for VCDM 1.1, the message list's for 2.0. */
  withStatus(slot: StatusSlot): Record<string, unknown>;
  /** What the credential breaks, checked once before the first signature; [] for none. */
  violations(credential: Record<string, unknown>): SchemaViolation[];
  /** The issued credential this one is derived from (a wallet's copy): status changes apply to both. */
  derivedFrom?: string;
}

/** What a credential built by another feature of this issuer (a recognition, a transcript) is built from. */
export interface BuildContextV2 {
  id: string;
  issuer: IssuerProfile;
  issuanceDate: string;
  packageUrl: string;
  credentialStatus: CredentialStatusEntry;
}

/** A VCDM 2.0 credential another feature builds, and the schema it must hold to before it is signed. */
export interface BuiltCredential {
  /**
   * An id the caller reserved (a `urn:uuid:`), so that a retry issues under the same id and is refused
   * `CREDENTIAL_ID_TAKEN` rather than issuing twice; a fresh one when absent.
   */
  id?: string;
  /** Which of our kinds it reads as (a recognition is a credit), checked again on the signed bytes; undefined for none. */
  kind: CredentialKind | undefined;
  build(ctx: BuildContextV2): Record<string, unknown>;
  /** What the credential breaks; [] for none. */
  violations(credential: Record<string, unknown>): SchemaViolation[];
}

/** The formats a credential for a wallet is signed in: Data Integrity by the did:web, or a VCDM 1.1 VC-JWT by the did:ethr. */
export type HolderBoundFormat = 'ldp_vc' | 'vc-jwt';

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

  /** A registrar's facts -> an Open Badges 3.0 credential of that kind, signed as asked and recorded. */
  issueFromFacts(institution: Institution, request: FactsIssueRequest): Promise<IssuedCredential> {
    const { facts } = request;
    const { choice, dataModel } = this.decide(institution, request, request.issuer, undefined);
    const id = newCredentialId();
    const ctx = this.buildContext(institution, choice, id);
    return this.signAndRecord(institution, {
      id,
      kind: facts.kind,
      choice,
      withStatus: (slot) =>
        dataModel === '2.0'
          ? buildCredential(facts, ctx, { dataModel: '2.0', credentialStatus: slot.message })
          : { ...buildCredential(facts, ctx), credentialStatus: slot.twoLists },
      violations: (credential) => validateCredential(facts.kind, credential),
    });
  }

  /**
   * A W3C VC-API issue request, for standard clients: any well-formed VCDM 1.1 or 2.0 credential for
   * the caller's own issuer (named, as the data model requires), in the format `options` asks for,
   * signed as sent. The caller's `id` is kept (a random urn:uuid when there is none); the issuer adds
   * only its status entry and where the anchored package will be (with the context that defines it,
   * in VCDM 2.0). Our three kinds are held to their schemas as well.
   */
  async issueVcApi(institution: Institution, request: VcApiIssueRequest): Promise<IssuedCredential> {
    const submitted = request.credential;
    if ('proof' in submitted) throw CredentialIssuanceError.proofNotAllowed();
    const kind = detectCredentialKind(submitted);
    // Our kinds carry one status entry and one refresh service, ours; another credential may name its own beside ours.
    if (kind && 'credentialStatus' in submitted) throw CredentialIssuanceError.statusNotAllowed();
    if (kind && 'refreshService' in submitted) throw CredentialIssuanceError.refreshServiceNotAllowed();
    const dataModel = dataModelOf(submitted);
    if (!dataModel) throw CredentialIssuanceError.schemaInvalid(validateVcdmCredential(submitted, { proof: 'forbidden' }));
    const named = 'issuer' in submitted ? (issuerIdOf(submitted.issuer) ?? '') : undefined;
    const { choice } = this.decide(institution, request.options ?? {}, named === '' ? undefined : named, dataModel);
    if (choice.format !== 'ldp_vc') {
      const reserved = JWT_RESERVED_MEMBERS.find((name) => Object.hasOwn(submitted, name));
      if (reserved) throw CredentialIssuanceError.reservedMemberNotAllowed(reserved);
    }
    const id = typeof submitted.id === 'string' ? submitted.id : newCredentialId();
    if (await this.repository.exists(id)) throw CredentialIssuanceError.idTaken(id);
    const credential: Record<string, unknown> = {
      ...submitted,
      ...(dataModel === '2.0' ? { '@context': withAnchoredPackageContext(submitted['@context']) } : {}),
      id: 'id' in submitted ? submitted.id : id,
      // VCDM 1.1 requires an issuance date and VC-API clients may leave it to the issuer: now, unless sent.
      ...(dataModel === '1.1' && !('issuanceDate' in submitted) ? { issuanceDate: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } : {}),
      // Our kinds name the institution as an Open Badges Profile, whichever form the request named it in.
      ...(kind && named ? { issuer: issuerObject(issuerProfileOf(institution, this.signerOf(institution, choice))) } : {}),
      refreshService: besides(submitted.refreshService, packageService(this.packageUrl(id))),
    };
    return this.signAndRecord(institution, {
      id,
      kind,
      choice,
      withStatus: (slot) => ({
        ...credential,
        credentialStatus:
          dataModel === '2.0'
            ? besides(submitted.credentialStatus, slot.message)
            : [...entries(submitted.credentialStatus), ...slot.twoLists],
      }),
      violations: (withStatus) => {
        const vcdm = validateVcdmCredential(withStatus, { proof: 'forbidden' });
        return vcdm.length > 0 || !kind ? vcdm : validateCredential(kind, withStatus);
      },
    });
  }

  /**
   * A VCDM 2.0 credential another feature of this issuer builds (the credit bank's recognitions and
   * transcripts), signed as `ldp_vc` (eddsa-rdfc-2022) by the institution's did:web and recorded like
   * any other: a status entry in its message list, the checks on the signed bytes, its leaf queued
   * for anchoring, its anchored package at the usual URL.
   */
  issueBuilt(institution: Institution, built: BuiltCredential): Promise<IssuedCredential> {
    const { choice } = this.decide(institution, { format: 'ldp_vc' }, undefined, '2.0');
    const id = built.id ?? newCredentialId();
    const ctx = this.buildContext(institution, choice, id);
    return this.signAndRecord(institution, {
      id,
      kind: built.kind,
      choice,
      withStatus: (slot) => built.build({ ...ctx, credentialStatus: slot.message }),
      violations: (credential) => built.violations(credential),
    });
  }

  /**
   * A new credential for the same achievement as one the institution issued, bound to a wallet's
   * holder DID (OpenID4VCI), signed as asked and recorded, anchored and given a status entry like any
   * other, and linked to the original (the root of its family): revoking or suspending one changes all.
   */
  async issueForHolder(institution: Institution, originalId: string, holder: string, format: HolderBoundFormat): Promise<IssuedCredential> {
    const { original, kind, root } = await this.offerable(institution, originalId);
    const { choice, dataModel } = this.decide(institution, { format }, undefined, undefined);
    const id = newCredentialId();
    const binding = {
      id,
      holder,
      issuer: issuerObject(issuerProfileOf(institution, this.signerOf(institution, choice))),
      issuedAt: issuanceTimestamp(),
      packageUrl: this.packageUrl(id),
      dataModel,
    };
    const credential = signedCredentialOf(original.signed).credential;
    const issued = await this.signAndRecord(institution, {
      id,
      kind,
      choice,
      derivedFrom: root,
      withStatus: (slot) => holderBoundCredential(credential, binding, slot),
      violations: (withStatus) => validateCredential(kind, withStatus),
    });
    // A status change of the family made while this copy was being signed could not see it: the copy
    // takes the family's status now (it is recorded, so every later change reaches it).
    const now = await this.statusLists.stateOf(institution, root);
    if (now?.revoked || now?.suspended) {
      const status = now.revoked ? 'revoked' : 'suspended';
      await this.statusLists.update(institution, {
        credentialId: id,
        credentialStatus: [{ type: 'BitstringStatusListCredential', status }],
        reason: `Follows ${root}, from which it was derived for a wallet.`,
      });
    }
    return issued;
  }

  /**
   * The kind of a credential that may be offered to a wallet (one of our kinds, not revoked), the
   * credential, and the root of its family (the issuance it was derived from, or itself).
   */
  async offerable(institution: Institution, id: string) {
    const original = await this.repository.findOne(institution.id, id);
    if (!original) throw CredentialIssuanceError.notFound(id);
    if (!original.kind) throw CredentialIssuanceError.notOfOurKinds(id);
    const root = original.derivedFrom ?? original.id;
    if ((await this.statusLists.stateOf(institution, root))?.revoked) throw CredentialIssuanceError.revokedNotOffered(id);
    return { original, kind: original.kind, root };
  }

  async get(institution: Institution, id: string): Promise<IssuedCredential> {
    const record = await this.repository.findOne(institution.id, id);
    if (!record) throw CredentialIssuanceError.notFound(id);
    const anchored = await this.anchoredOf([record]);
    return { ...summaryOf(record, anchored), verifiableCredential: handedOut(signedCredentialOf(record.signed)) };
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
    const signed = signedCredentialOf(record.signed);
    return this.verifier.createLink(signed.format === 'vc-jwt' ? signed.bytes : handedOut(signed));
  }

  /**
   * How to sign, from the request's options and the issuer it names: one of the institution's two
   * DIDs (another is FOREIGN_ISSUER), or none.
   */
  private decide(institution: Institution, options: IssuanceOptions, named: string | undefined, dataModel: '1.1' | '2.0' | undefined) {
    const identity = named === undefined ? undefined : named === institution.did ? 'ethr' : named === institution.didWeb ? 'web' : null;
    if (identity === null) throw CredentialIssuanceError.foreignIssuer(named!, [institution.did, institution.didWeb]);
    const decision = signingDecisionOf({ format: options.format, cryptosuite: options.cryptosuite, identity, dataModel });
    if ('refused' in decision) throw CredentialIssuanceError.formatNotAvailable(decision.refused);
    return decision;
  }

  /** What a builder needs besides the facts: the id, the issuer as signed for, the time, the package URL. */
  private buildContext(institution: Institution, choice: SigningChoice, id: string) {
    return {
      id,
      issuer: issuerProfileOf(institution, this.signerOf(institution, choice)),
      issuanceDate: issuanceTimestamp(),
      packageUrl: this.packageUrl(id),
    };
  }

  private signerOf(institution: Institution, choice: SigningChoice): string {
    return choice.identity === 'ethr' ? institution.did : institution.didWeb;
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
  private async signAndRecord(institution: Institution, unsigned: Unsigned): Promise<IssuedCredential> {
    const { id, kind, choice } = unsigned;
    const statusEntry = choice.format === 'vc-jwt' ? 'two-lists' : 'message';
    for (let attempt = 0; ; attempt++) {
      const slot = await this.statusLists.draw(institution);
      const credential = unsigned.withStatus(slot);
      if (attempt === 0) {
        const violations = unsigned.violations(credential);
        if (violations.length > 0) throw CredentialIssuanceError.schemaInvalid(violations);
      }
      const { signed, key } = await this.identity.sign(institution, credential, choice);
      const problem = await checkSignedCredential(signed, { kind, key, now: new Date() });
      if (problem) throw CredentialIssuanceError.signedCredentialRefused(problem);
      const record: IssuedCredentialRecord = {
        id,
        institutionId: institution.id,
        kind: kind ?? null,
        issuedAt: new Date(),
        signed,
        ...(unsigned.derivedFrom ? { derivedFrom: unsigned.derivedFrom } : {}),
      };
      const stored = await this.unitOfWork.run(async (tx) => {
        if (!(await this.statusLists.claim(tx, institution, record.id, slot, statusEntry))) return false;
        if (!(await this.repository.insert(tx, record))) throw CredentialIssuanceError.idTaken(id);
        await this.anchorLeaves.enqueue(tx, { source: CREDENTIAL_LEAF_SOURCE, sourceId: record.id, signed });
        return true;
      });
      if (stored) {
        this.logger.log(`Issued ${kind ?? 'VCDM'} credential ${record.id} as ${signed.format} for institution ${institution.id}`);
        return { ...summaryOf(record, new Set()), verifiableCredential: handedOut(signed) };
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
    format: record.signed.format,
    issuedAt: record.issuedAt.toISOString(),
    state: anchored.has(record.id) ? 'anchored' : 'issued',
  };
}

/** A member's entries: none when absent, its one value, or its list. */
function entries(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Ours alone when the credential names none, else beside what it names (VCDM allows a list of either). */
function besides(theirs: unknown, ours: object): unknown {
  return theirs === undefined ? ours : [...entries(theirs), ours];
}

/**
 * A VCDM 2.0 credential's contexts with ours that defines the anchored package's refresh service
 * appended (Data Integrity signs only terms some context defines); the caller's stay first, in order.
 */
function withAnchoredPackageContext(context: unknown): unknown[] {
  const contexts = Array.isArray(context) ? context : [context];
  return contexts.includes(CONTEXT_URLS.anchoredCredentialsV1) ? contexts : [...contexts, CONTEXT_URLS.anchoredCredentialsV1];
}

/**
 * Members the JWT encodings take as the JWT's own claims, or merge into them, rather than as
 * credential members: sent in a credential, they would let a client set the signed `iss`, `nbf` or
 * `exp` itself (a VC-JOSE-COSE payload is the credential, read as claims too), or make the VC-JWT
 * encoder throw.
 */
const JWT_RESERVED_MEMBERS = ['vc', 'vp', 'iss', 'sub', 'aud', 'jti', 'nbf', 'exp', 'iat', 'context'];

export function newCredentialId(): string {
  return `urn:uuid:${randomUUID()}`;
}
