import { Logger } from '@nestjs/common';
import type { Resolvable } from 'did-resolver';
import { AnchorReader } from '#anchoring';
import { createChainProvider, createDidResolver, didKeyResolver, verifyVpJwt } from '#identity';
import type { Learner } from '#schemas';
import {
  type ChallengeStore,
  credentialChecks,
  CredentialVerifier,
  didWebFetch,
  FETCH_LIMITS,
  FetchSlots,
  HolderSignatureCheck,
  type IssuerTrust,
  type ParsedCredential,
  type PresentationReport,
  PresentationVerifier,
  PublicFetcher,
  SignatureVerifier,
  type TrustedIssuer,
  type VerificationReport,
} from '#verification';
import { InstitutionsService } from '../../institutions/institutions.service.js';
import type { IssuerConfig } from '../../issuer.config.js';

/** Outbound fetches the credit bank runs at once (status lists, anchored packages, did:web documents). */
const FETCH_CONCURRENCY = 8;
/** Each outbound fetch's total deadline, and one credential's or presentation's whole verification. */
const FETCH_DEADLINE_MS = 5000;
const VERIFICATION_DEADLINE_MS = 10_000;
/** As the verifier's default: a learner's wallet clock may run a little off. */
const CLOCK_SKEW_SECONDS = 300;
/**
 * Status lists are fetched every time: a deposit must not be taken, nor a revocation missed by the
 * job, because of a list read minutes ago. The bank checks far fewer credentials than a verifier.
 */
const STATUS_LIST_CACHE_SECONDS = 0;

/**
 * Issuer trust for deposits: the institutions this issuer hosts, under either of their DIDs. The
 * deposit then also needs its issuer to be a member of the account's alliance (CreditAccountsService.checked):
 * trust = an institution of this issuer that belongs to the alliance.
 */
export class HostedInstitutionsTrust implements IssuerTrust {
  constructor(private readonly institutions: Pick<InstitutionsService, 'findByDid'>) {}

  async find(did: string): Promise<TrustedIssuer | undefined> {
    const institution = await this.institutions.findByDid(did);
    return (
      institution && {
        did,
        name: institution.name,
        url: institution.url,
        alsoKnownAs: [institution.did, institution.didWeb],
        source: 'issuer',
      }
    );
  }

  async knows(did: string): Promise<boolean> {
    return (await this.institutions.findByDid(did)) !== undefined;
  }
}

export interface VerifiedPresentation {
  report: PresentationReport;
  /** Each credential inside, as signed (its bytes and format), in the report's order. */
  parsed: (ParsedCredential | undefined)[];
}

/**
 * The verification library inside the issuer, for what learners deposit: every check a verifier
 * runs (signature on chain or did:web, status list, anchor, validity, schema, issuer trust), with
 * this issuer's institutions as the trusted issuers. The issuer resolves did:web over HTTP like any
 * verifier, so a deposit from another issuer's did:web institution verifies the same way.
 */
export class DepositVerifier {
  private readonly credentials: CredentialVerifier;
  private readonly presentations: PresentationVerifier;
  private readonly resolver: Resolvable;

  constructor(config: IssuerConfig, institutions: InstitutionsService) {
    const { allowPrivateNetworkFetch } = config.creditBank;
    const slots = new FetchSlots(FETCH_CONCURRENCY);
    const fetcher = (maxBytes: number) =>
      new PublicFetcher(
        { allowPrivateNetworks: allowPrivateNetworkFetch, deadlineMs: FETCH_DEADLINE_MS, maxBytes },
        slots,
        new Logger(PublicFetcher.name),
      );
    this.resolver = createDidResolver({
      ethr: config.chain,
      fetchDidWeb: didWebFetch(fetcher(FETCH_LIMITS.didDocumentBytes), { loopbackOverHttp: allowPrivateNetworkFetch }),
    });
    const trust = new HostedInstitutionsTrust(institutions);
    const checks = credentialChecks({
      resolver: this.resolver,
      fetcher,
      anchors: {
        reader: new AnchorReader(createChainProvider(config.chain), config.anchoring.contract),
        chainId: config.chain.chainId,
        confirmations: config.anchoring.confirmations,
      },
      trust,
      requireTrustedIssuer: true,
      clockSkewSeconds: CLOCK_SKEW_SECONDS,
      statusListCacheSeconds: STATUS_LIST_CACHE_SECONDS,
    });
    this.credentials = new CredentialVerifier(checks, trust, {
      deadlineMs: VERIFICATION_DEADLINE_MS,
      logger: new Logger('CreditBankVerifier'),
    });
    // Every presentation answers a challenge of the credit bank's own table, passed with it: one
    // verified without its challenge is refused.
    const noChallenge: ChallengeStore = { use: async () => ({ ok: false, code: 'CHALLENGE_UNKNOWN' }) };
    this.presentations = new PresentationVerifier(
      this.credentials,
      new HolderSignatureCheck(new SignatureVerifier({ resolver: this.resolver })),
      noChallenge,
      {
        clockSkewSeconds: CLOCK_SKEW_SECONDS,
        logger: new Logger('CreditBankPresentations'),
      },
    );
  }

  /**
   * A learner's presentation answering the challenge (already taken from the store: `challenge` is
   * the one the learner was given, `domain` where it was given), and every credential inside.
   */
  async verifyPresentation(
    presentation: unknown,
    expected: { challenge: string; domain: string; learner?: Learner },
  ): Promise<VerifiedPresentation> {
    // The challenge was taken from the credit bank's table by the caller; here the check only confirms
    // that the presentation signs that one.
    const taken: ChallengeStore = {
      use: async (nonce) =>
        nonce === expected.challenge ? { ok: true, domain: expected.domain } : { ok: false, code: 'CHALLENGE_UNKNOWN' },
    };
    const { report, parsed } = await this.presentations.verify(presentation, {
      challenges: taken,
      challenge: expected.challenge,
      domain: expected.domain,
      ...(expected.learner ? { learner: expected.learner } : {}),
    });
    return { report, parsed };
  }

  /**
   * A learner's proof of holding a DID, for acting on an account without depositing: a `vp+jwt` its
   * holder signed with a key of its DID's `authentication`, `nonce` a challenge the learner was given
   * and `aud` this issuer. The signer, or the reason it does not hold.
   */
  async verifyHolderProof(
    proof: string,
    expected: { challenge: string; domain: string },
  ): Promise<{ ok: true; signer: string } | { ok: false; reason: { code: string; message: string } }> {
    const verification = await verifyVpJwt(proof, {
      resolveKey: didKeyResolver(this.resolver),
      nonce: expected.challenge,
      audience: expected.domain,
    });
    return verification.status === 'valid'
      ? { ok: true, signer: verification.signer }
      : { ok: false, reason: { code: verification.code, message: verification.message } };
  }

  /** A deposited credential again, from its signed bytes: what the job reads the status from. */
  async verifyCredential(signed: { format: string; bytes: string }): Promise<VerificationReport> {
    const input = signed.format === 'ldp_vc' ? JSON.parse(signed.bytes) : signed.bytes;
    return (await this.credentials.verify(input)).report;
  }
}
