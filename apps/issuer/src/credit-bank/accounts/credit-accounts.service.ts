import { Inject, Injectable, Logger } from '@nestjs/common';
import { digestMultibase, type SignedCredentialFormat } from '#schemas';
import { isUuid } from '#service-kit';
import { randomBytes, randomUUID } from 'node:crypto';
import { type Transaction, UnitOfWork } from '../../database/unit-of-work.js';
import { type Institution, InstitutionsService } from '../../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../../issuer.config.js';
import { AlliancesService } from '../alliances/alliances.service.js';
import type { LearnerPresentationRequest } from '../credit-bank.dto.js';
import { CreditBankError } from '../credit-bank.errors.js';
import { type CredentialFacts, credentialFacts } from '../deposits/deposit-facts.js';
import { DepositVerifier } from '../deposits/deposit-verifier.js';
import { type DepositRecord, DepositsRepository } from '../deposits/deposits.repository.js';
import { type AccountBalances, accountBalances, recognisedTotals } from '../ledger/ledger-balances.js';
import { type LedgerEntry, LedgerEntriesRepository } from '../ledger/ledger-entries.repository.js';
import { DecisionEventsRepository } from '../decisions/decision-events.repository.js';
import { type DecisionView, decisionView } from '../decisions/decision-view.js';
import { RecognitionDecisionsRepository } from '../decisions/recognition-decisions.repository.js';
import { PoliciesService } from '../policies/policies.service.js';
import { type CapsLeft, capsLeft } from './caps-left.js';
import { type AccountIdentifier, AccountIdentifiersRepository } from './account-identifiers.repository.js';
import { type CreditAccountRecord, CreditAccountsRepository } from './credit-accounts.repository.js';
import { type ChallengeBinding, CreditChallengesRepository } from './credit-challenges.repository.js';

export interface ChallengeView {
  challenge: string;
  /** What the presentation is addressed to (a JWT `aud`, a proof's `domain`): this issuer. */
  domain: string;
  expiresAt: string;
  accountId?: string;
}

export interface DepositView {
  id: string;
  digest: string;
  credentialId: string | null;
  format: SignedCredentialFormat;
  issuer: string;
  achievement: { id: string | null; code: string | null; name: string | null };
  kind: string;
  credits: { value: number; framework: string } | null;
  eqfLevel: number | null;
  field: string | null;
  grade: { scale: string; value: string } | null;
  completedAt: string;
  contactHours: number | null;
  state: DepositRecord['state'];
  depositedAt: string;
  /** The verification report at deposit time. */
  verification: Record<string, unknown>;
}

export interface ProgrammeStanding {
  policyId: string;
  version: number;
  programme: { id: string; name: string; totalCredits: number };
  framework: string;
  recognised: number;
  capsLeft: CapsLeft;
}

export interface AccountView {
  id: string;
  institution: { id: string; name: string };
  allianceId: string;
  holderDid: string;
  openedAt: string;
  identifiers: { kind: AccountIdentifier['kind']; value: string; firstSeenAt: string }[];
  deposits: DepositView[];
  balances: AccountBalances;
  /** Each programme the institution recognises for in the alliance: what is recognised and what its caps leave. */
  programmes: ProgrammeStanding[];
  ledger: (Omit<LedgerEntry, 'recordedAt' | 'accountId' | 'institutionId'> & { recordedAt: string })[];
  /** What was proposed, recognised and refused, with every step. */
  decisions: DecisionView[];
}

/** `learner`: for credentials that name their subject by a salted hash (an email, a student number), not by the holder's DID. */
export type PresentationRequest = LearnerPresentationRequest;

export interface AccountSummary {
  id: string;
  allianceId: string;
  holderDid: string;
  openedAt: string;
}

/** One credential of a presentation that passed everything, ready to be stored. */
interface Accepted {
  digest: string;
  format: SignedCredentialFormat;
  bytes: string;
  issuer: string;
  facts: CredentialFacts;
  report: Record<string, unknown>;
}

/**
 * Learners' credit accounts. A learner opens one at a receiving institution within one of its
 * alliances by answering the challenge that institution's registrar handed out with a presentation of
 * their credentials; later presentations answer challenges for the account. Each presentation is taken
 * whole or not at all: every credential verified with every check, issued by a member of the
 * alliance, the holder's, and new to the account.
 */
@Injectable()
export class CreditAccountsService {
  private readonly logger = new Logger(CreditAccountsService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly challenges: CreditChallengesRepository,
    private readonly accounts: CreditAccountsRepository,
    private readonly identifiers: AccountIdentifiersRepository,
    private readonly deposits: DepositsRepository,
    private readonly ledger: LedgerEntriesRepository,
    private readonly decisions: RecognitionDecisionsRepository,
    private readonly decisionEvents: DecisionEventsRepository,
    private readonly alliances: AlliancesService,
    private readonly institutions: InstitutionsService,
    private readonly policies: PoliciesService,
    private readonly verifier: DepositVerifier,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /** A registrar's challenge for a learner who opens an account at the caller in one of its alliances. */
  async openingChallenge(caller: Institution, allianceId: string): Promise<ChallengeView> {
    const { alliance } = await this.alliances.visible(caller, allianceId);
    return this.challenge({ institutionId: caller.id, allianceId: alliance.id, accountId: null });
  }

  /** Forgets long-expired challenges (the recheck job calls it). */
  sweepChallenges(): Promise<void> {
    return this.challenges.sweepExpired();
  }

  /** A learner's challenge for acting on their account: anyone may ask, only the holder's signature uses it. */
  async accountChallenge(accountId: string): Promise<ChallengeView> {
    const account = isUuid(accountId) ? await this.accounts.find(accountId.toLowerCase()) : null;
    if (!account) throw CreditBankError.accountNotFound(accountId);
    return this.challenge({ institutionId: account.institutionId, allianceId: account.allianceId, accountId: account.id });
  }

  async open(request: PresentationRequest): Promise<AccountView> {
    const binding = await this.take(request.challenge, null);
    const { holder, accepted } = await this.checked(binding, request);
    const existing = await this.accounts.findByHolder(binding.institutionId, binding.allianceId, holder);
    if (existing) throw CreditBankError.accountExists(existing.id);
    const account = { id: randomUUID(), institutionId: binding.institutionId, allianceId: binding.allianceId, holderDid: holder };
    await this.unitOfWork.run(async (tx) => {
      if (!(await this.accounts.insert(tx, account))) throw CreditBankError.accountExists('opened meanwhile');
      await this.store(tx, account, accepted);
    });
    this.logger.log(`Credit account ${account.id} opened with ${accepted.length} deposits`);
    return this.view(await this.accountById(account.id));
  }

  async deposit(accountId: string, request: PresentationRequest): Promise<AccountView> {
    const account = isUuid(accountId) ? await this.accounts.find(accountId.toLowerCase()) : null;
    if (!account) throw CreditBankError.accountNotFound(accountId);
    const binding = await this.take(request.challenge, account.id);
    const { holder, accepted } = await this.checked(binding, request);
    if (holder !== account.holderDid) throw CreditBankError.notAccountHolder();
    const held = await this.deposits.heldDigests(
      account.id,
      accepted.map((item) => item.digest),
    );
    if (held.length > 0) throw CreditBankError.duplicate(held);
    await this.unitOfWork.run((tx) => this.store(tx, account, accepted));
    return this.view(account);
  }

  /** The learner's own view: they prove they hold the account's DID by signing the challenge. */
  async statement(accountId: string, request: { challenge: string; proof: string }): Promise<AccountView> {
    const account = await this.holderProven(accountId, request);
    return this.view(account);
  }

  /**
   * The account, once its holder has signed a challenge handed out for it (a `vp+jwt` with the
   * challenge as `nonce` and this issuer as `aud`): how a learner acts on an account without depositing.
   */
  async holderProven(accountId: string, request: { challenge: string; proof: string }): Promise<CreditAccountRecord> {
    const account = isUuid(accountId) ? await this.accounts.find(accountId.toLowerCase()) : null;
    if (!account) throw CreditBankError.accountNotFound(accountId);
    await this.take(request.challenge, account.id);
    const proof = await this.verifier.verifyHolderProof(request.proof, { challenge: request.challenge, domain: this.config.publicUrl });
    if (!proof.ok) throw CreditBankError.presentationNotVerified([{ check: 'holder-signature', status: 'invalid', reason: proof.reason }]);
    if (proof.signer !== account.holderDid) throw CreditBankError.notAccountHolder();
    return account;
  }

  /** The registrar's view of one of its accounts. */
  async viewFor(caller: Institution, accountId: string): Promise<AccountView> {
    return this.view(await this.accountOf(caller, accountId));
  }

  async listFor(caller: Institution): Promise<AccountSummary[]> {
    return (await this.accounts.listOf(caller.id)).map((account) => ({
      id: account.id,
      allianceId: account.allianceId,
      holderDid: account.holderDid,
      openedAt: account.openedAt.toISOString(),
    }));
  }

  /** One of the caller's accounts; not found for another institution's. */
  async accountOf(caller: Institution, accountId: string): Promise<CreditAccountRecord> {
    const account = isUuid(accountId) ? await this.accounts.findOf(caller.id, accountId.toLowerCase()) : null;
    if (!account) throw CreditBankError.accountNotFound(accountId);
    return account;
  }

  async view(account: CreditAccountRecord): Promise<AccountView> {
    const [institution, identifiers, deposits, ledger, published, decisions] = await Promise.all([
      this.institutions.get(account.institutionId),
      this.identifiers.listOf(account.id),
      this.deposits.listOf(account.id),
      this.ledger.listOf(account.id),
      this.policies.latestPublished(account.allianceId, account.institutionId),
      this.decisions.listOf(account.id),
    ]);
    const events = await this.decisionEvents.listOf(decisions.map((decision) => decision.id));
    return {
      id: account.id,
      institution: { id: institution.id, name: institution.name },
      allianceId: account.allianceId,
      holderDid: account.holderDid,
      openedAt: account.openedAt.toISOString(),
      identifiers: identifiers.map((identifier) => ({ ...identifier, firstSeenAt: identifier.firstSeenAt.toISOString() })),
      deposits: deposits.map(depositView),
      balances: accountBalances(ledger),
      programmes: published.map(({ policyId, version, policy }) => {
        const totals = recognisedTotals(ledger, policy.programme.id);
        return {
          policyId,
          version,
          programme: policy.programme,
          framework: policy.creditFramework,
          recognised: totals.total,
          capsLeft: capsLeft(policy, totals),
        };
      }),
      ledger: ledger.map(({ accountId: _account, institutionId: _institution, recordedAt, ...entry }) => ({
        ...entry,
        recordedAt: recordedAt.toISOString(),
      })),
      decisions: decisions.map((decision) => decisionView(decision, events)),
    };
  }

  async accountById(id: string): Promise<CreditAccountRecord> {
    const account = await this.accounts.find(id);
    if (!account) throw CreditBankError.accountNotFound(id);
    return account;
  }

  private async challenge(binding: ChallengeBinding): Promise<ChallengeView> {
    const challenge = randomBytes(24).toString('base64url');
    const expiresAt = await this.challenges.insert(challenge, binding, this.config.creditBank.challengeTtlSeconds);
    return {
      challenge,
      domain: this.config.publicUrl,
      expiresAt: expiresAt.toISOString(),
      ...(binding.accountId ? { accountId: binding.accountId } : {}),
    };
  }

  /** Uses the challenge up; it must have been handed out for this account (or, with null, for opening one). */
  private async take(challenge: string, accountId: string | null): Promise<ChallengeBinding> {
    const taking = await this.challenges.take(challenge);
    if (!taking.ok) throw CreditBankError.challengeInvalid(taking.code);
    if (taking.binding.accountId !== accountId)
      throw CreditBankError.challengeInvalid(accountId === null ? 'CHALLENGE_FOR_AN_ACCOUNT' : 'CHALLENGE_FOR_ANOTHER_ACCOUNT');
    return taking.binding;
  }

  /**
   * The presentation verified with every check, and each credential in it: signed by an institution
   * of the alliance (one this issuer hosts: the issuer-trust check), verified, the holder's, and
   * listed once. The first credential that fails refuses the whole presentation.
   */
  private async checked(binding: ChallengeBinding, request: PresentationRequest): Promise<{ holder: string; accepted: Accepted[] }> {
    const { report, parsed } = await this.verifier.verifyPresentation(request.presentation, {
      challenge: request.challenge,
      domain: this.config.publicUrl,
      ...(request.learner ? { learner: request.learner } : {}),
    });
    if (report.checks.some((check) => check.status !== 'valid') || report.holder === undefined)
      throw CreditBankError.presentationNotVerified(report.checks);
    const members = await this.memberDids(binding.allianceId);
    const accepted: Accepted[] = [];
    for (const credential of report.credentials) {
      const signed = parsed[credential.index];
      const signature = credential.checks.find((check) => check.check === 'signature');
      if (signed && signature?.status === 'valid' && !members.has(signed.issuer))
        throw CreditBankError.issuerNotTrusted(credential.index, signed.issuer);
      if (!signed || credential.verdict !== 'verified') throw CreditBankError.depositNotVerified(credential.index, credential);
      if (credential.holder.status !== 'valid') throw CreditBankError.notHolders(credential.index);
      accepted.push({
        digest: digestMultibase(signed.bytes),
        format: signed.format,
        bytes: signed.bytes,
        issuer: signed.issuer,
        facts: credentialFacts(signed.credential),
        report: { ...credential },
      });
    }
    const digests = accepted.map((item) => item.digest);
    const repeated = digests.filter((digest, i) => digests.indexOf(digest) !== i);
    if (repeated.length > 0) throw CreditBankError.duplicate(repeated);
    return { holder: report.holder, accepted };
  }

  /** The DIDs (did:ethr and did:web) of the alliance's member institutions. */
  private async memberDids(allianceId: string): Promise<Set<string>> {
    const members = await this.alliances.membersOf(allianceId);
    const institutions = await Promise.all(members.map((member) => this.institutions.get(member.institutionId)));
    return new Set(institutions.flatMap((institution) => [institution.did, institution.didWeb]));
  }

  /** Deposits, their ledger entries and the identifiers seen; any credential the account holds already rolls it all back. */
  private async store(
    tx: Transaction,
    account: Pick<CreditAccountRecord, 'id' | 'institutionId' | 'holderDid'>,
    accepted: Accepted[],
  ): Promise<void> {
    await this.identifiers.record(tx, account.id, [
      { kind: 'holder-did', value: account.holderDid },
      ...accepted.flatMap((item) => item.facts.hashedIdentifiers.map((value) => ({ kind: 'hashed-identifier' as const, value }))),
    ]);
    for (const item of accepted) {
      const id = randomUUID();
      const { facts } = item;
      const inserted = await this.deposits.insert(tx, {
        id,
        accountId: account.id,
        institutionId: account.institutionId,
        digest: item.digest,
        credentialId: facts.credentialId,
        format: item.format,
        bytes: item.bytes,
        issuer: item.issuer,
        achievementId: facts.achievementId,
        achievementCode: facts.achievementCode,
        achievementName: facts.achievementName,
        kind: facts.kind,
        credits: facts.credits,
        eqfLevel: facts.eqfLevel,
        field: facts.field,
        grade: facts.grade,
        completedAt: new Date(facts.completedAt ?? Date.now()),
        contactHours: facts.contactHours,
        verification: item.report,
      });
      if (!inserted) throw CreditBankError.duplicate([item.digest]);
      await this.ledger.append(tx, account, {
        kind: 'deposit',
        depositId: id,
        decisionId: null,
        programmeId: null,
        bucket: null,
        targetAchievementId: null,
        credits: facts.credits?.value ?? 0,
        creditFramework: facts.credits?.framework ?? null,
        term: null,
        year: null,
        bySource: null,
        depositIds: null,
        reason: null,
      });
    }
  }
}

function depositView(deposit: DepositRecord): DepositView {
  return {
    id: deposit.id,
    digest: deposit.digest,
    credentialId: deposit.credentialId,
    format: deposit.format,
    issuer: deposit.issuer,
    achievement: { id: deposit.achievementId, code: deposit.achievementCode, name: deposit.achievementName },
    kind: deposit.kind,
    credits: deposit.credits,
    eqfLevel: deposit.eqfLevel,
    field: deposit.field,
    grade: deposit.grade,
    completedAt: deposit.completedAt.toISOString(),
    contactHours: deposit.contactHours,
    state: deposit.state,
    depositedAt: deposit.depositedAt.toISOString(),
    verification: deposit.verification,
  };
}
