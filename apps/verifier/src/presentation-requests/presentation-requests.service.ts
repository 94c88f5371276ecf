import { Inject, Injectable } from '@nestjs/common';
import { type ClientMetadata, createOpenid4vpAuthorizationRequest, parseOpenid4vpAuthorizationResponse } from '@openid4vc/openid4vp';
import { type ChallengeStore, PresentationVerifier, type PresentationVerification, type Verdict } from '#verification';
import QRCode from 'qrcode';
import { creditSummary, presentedCredentialsOf } from '../presentations/credit-summary.js';
import { randomToken } from '../presentations/memory-challenge-store.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import {
  type AnsweredCredential,
  answersQuery,
  dcqlQueryOf,
  outsideRequest,
  QUERY_FORMATS,
  verifiablePresentationRequestOf,
} from './credential-queries.js';
import {
  type AnswerProtocol,
  PRESENTATION_REQUESTS,
  type PresentationRequestRecord,
  type PresentationRequestResult,
  type PresentationRequestStore,
  type RequestedCredentials,
} from './presentation-request-store.js';
import type { CreatePresentationRequest, DirectPostResponse, ExchangeStep } from './presentation-requests.dto.js';
import { PresentationRequestError, type RefusedPresentation } from './presentation-requests.errors.js';
import { RequestSigner } from './request-signer.js';

/** What the school gets: where wallets answer, and, once one did, the result. */
export interface PresentationRequestView {
  id: string;
  state: 'pending' | 'answered' | 'expired';
  createdAt: Date;
  expiresAt: Date;
  query: RequestedCredentials;
  /** The school's page (HTML; the same URL answers JSON for `Accept: application/json`). */
  page: string;
  openid4vp: { authorizationRequest: string; requestUri: string; clientId: string };
  /** The Learner Credential Wallet's way in: a VC-API exchange. */
  vcApi: { exchangeUrl: string; protocols: { vcapi: string }; walletLink: string };
  qr: { openid4vp: string; vcApi: string };
  answeredAt?: Date;
  result?: PresentationRequestResult;
}

/** One presentation of an answer, with the DCQL query it answers (OpenID4VP), in the wallet's order. */
interface Presented {
  queryId?: string;
  presentation: unknown;
}

/** Presentations one answer may carry (each with up to 100 credentials): a transcript's worth, verified one after another. */
const MAX_PRESENTATIONS = 20;

/** Wallets look for what to say about a verifier here; signed into every request object. */
const CLIENT_METADATA: ClientMetadata = {
  client_name: 'Credit transfer verifier',
  vp_formats_supported: {
    jwt_vc_json: { alg_values: ['ES256', 'ES256K', 'EdDSA'] },
    ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'] },
  },
};

/** Every presentation of one answer signs the request's nonce, for the audience of its protocol; taking it is the request's answer, kept once. */
const requestNonce = (nonce: string, domain: string): ChallengeStore => ({
  use: async (presented) => (presented === nonce ? { ok: true, domain } : { ok: false, code: 'CHALLENGE_UNKNOWN' }),
});

/**
 * A school's presentation requests: made (`POST /presentation-requests`), fetched by a wallet as a
 * signed OpenID4VP request object, answered once by `direct_post` or through a VC-API exchange, and
 * read back by the school with the verdict and the credits it can count.
 */
@Injectable()
export class PresentationRequestsService {
  constructor(
    @Inject(PRESENTATION_REQUESTS) private readonly store: PresentationRequestStore,
    @Inject(VERIFIER_CONFIG) private readonly config: VerifierConfig,
    private readonly presentations: PresentationVerifier,
    private readonly signer: RequestSigner,
  ) {}

  async create(body: CreatePresentationRequest): Promise<PresentationRequestView> {
    const now = Date.now();
    const record: PresentationRequestRecord = {
      id: randomToken(),
      transactionId: randomToken(),
      nonce: randomToken(),
      query: {
        kinds: body.kinds ?? ['credit'],
        ...(body.issuers ? { issuers: body.issuers } : {}),
        ...(body.purpose ? { purpose: body.purpose } : {}),
        ...(body.learner ? { learner: body.learner } : {}),
      },
      createdAt: new Date(now),
      expiresAt: new Date(now + this.config.presentationRequestTtlSeconds * 1000),
    };
    await this.store.create(record);
    return this.viewOf(record);
  }

  async view(id: string): Promise<PresentationRequestView> {
    const record = await this.store.byId(id);
    if (!record) throw PresentationRequestError.notFound();
    return this.viewOf(record);
  }

  /** The QR code a wallet scans: the OpenID4VP link, or the Learner Credential Wallet's. */
  async qrSvg(id: string, wallet: 'openid4vp' | 'vc-api'): Promise<string> {
    const view = await this.view(id);
    return QRCode.toString(wallet === 'vc-api' ? view.vcApi.walletLink : view.openid4vp.authorizationRequest, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
  }

  /** The signed request object a wallet fetches from `request_uri`. */
  async requestObject(transactionId: string): Promise<string> {
    const record = await this.open(transactionId);
    return (await this.authorizationRequest(record)).requestObject;
  }

  /** A wallet's `direct_post`: every presentation must hold before its credentials' verdicts are kept as the answer. */
  async answerOpenid4vp(transactionId: string, body: DirectPostResponse): Promise<void> {
    const record = await this.open(transactionId);
    const { payload } = await this.authorizationRequest(record);
    let presentations: Record<string, unknown[]>;
    try {
      const parsed = await parseOpenid4vpAuthorizationResponse({
        authorizationResponse: { ...body },
        authorizationRequestPayload: payload,
        callbacks: {
          verifyJwt: () => {
            throw new Error('Responses are posted in the clear (direct_post), never as a JWT.');
          },
          decryptJwe: () => {
            throw new Error('Responses are posted in the clear (direct_post), never encrypted.');
          },
        },
      });
      if (parsed.type !== 'dcql') throw new Error('The answer is a Presentation Exchange submission; this verifier asks with DCQL.');
      presentations = parsed.dcql.presentations;
    } catch (error) {
      throw PresentationRequestError.invalidResponse(`The answer does not read as an OpenID4VP response: ${(error as Error).message}`);
    }
    const unknown = Object.keys(presentations).filter((id) => !(id in QUERY_FORMATS));
    if (unknown.length > 0) throw PresentationRequestError.invalidResponse(`The request has no credential query ${unknown.join(', ')}.`);
    const presented = Object.entries(presentations).flatMap(([queryId, entries]) =>
      entries.map((presentation) => ({ queryId, presentation })),
    );
    if (presented.length > MAX_PRESENTATIONS)
      throw PresentationRequestError.invalidResponse(
        `An answer carries at most ${MAX_PRESENTATIONS} presentations; this one ${presented.length}.`,
      );
    await this.answer(record, 'openid4vp', presented, this.signer.clientId);
  }

  /**
   * A VC-API exchange step (the Learner Credential Wallet): `{}` gets the verifiable presentation
   * request; a presentation answers it, and the exchange is complete (`{}`).
   */
  async exchange(transactionId: string, step: ExchangeStep): Promise<Record<string, unknown>> {
    const record = await this.open(transactionId);
    if (!step.verifiablePresentation)
      return { verifiablePresentationRequest: verifiablePresentationRequestOf(record.query, record.nonce, this.exchangeDomain) };
    await this.answer(record, 'vc-api', [{ presentation: step.verifiablePresentation }], this.exchangeDomain);
    return {};
  }

  /** The domain a VC-API presentation is signed for: this verifier's host. */
  private get exchangeDomain(): string {
    return new URL(this.config.publicUrl).host;
  }

  /** A request a wallet may still answer. */
  private async open(transactionId: string): Promise<PresentationRequestRecord> {
    const record = await this.store.byTransaction(transactionId);
    if (!record) throw PresentationRequestError.notFound();
    if (record.answer) throw PresentationRequestError.answered();
    if (record.expiresAt.getTime() <= Date.now()) throw PresentationRequestError.expired();
    return record;
  }

  /**
   * Verifies every presentation of an answer against the request's nonce and this verifier as
   * audience; refuses the answer (keeping nothing, the request still open) unless each holds and
   * its credentials answer the query, else keeps the result, once.
   */
  private async answer(
    record: PresentationRequestRecord,
    protocol: AnswerProtocol,
    presented: Presented[],
    audience: string,
  ): Promise<void> {
    const challenges = requestNonce(record.nonce, audience);
    const verifications: PresentationVerification[] = [];
    for (const { presentation } of presented)
      verifications.push(
        await this.presentations.verify(presentation, {
          challenge: record.nonce,
          domain: audience,
          challenges,
          ...(record.query.learner ? { learner: record.query.learner } : {}),
        }),
      );
    const refused: RefusedPresentation[] = verifications.flatMap(({ report }, index) =>
      report.checks.every((check) => check.status === 'valid')
        ? []
        : [{ ...(presented[index].queryId ? { queryId: presented[index].queryId } : {}), index, checks: report.checks }],
    );
    if (refused.length > 0) throw PresentationRequestError.refused(refused);
    // One student answers a request: credits of several holders must not add up to one total.
    if (new Set(verifications.map(({ report }) => report.holder)).size > 1)
      throw PresentationRequestError.invalidResponse(
        'The presentations of the answer are signed by different holders; one student answers a request.',
      );
    if (protocol === 'openid4vp') {
      const answered: Record<string, AnsweredCredential[]> = {};
      verifications.forEach(({ signed, formats }, index) => {
        const queryId = presented[index].queryId!;
        answered[queryId] = [
          ...(answered[queryId] ?? []),
          ...signed.map((credential, at) => ({ signed: credential, format: formats[at] })),
        ];
      });
      if (!answersQuery(dcqlQueryOf(record.query), answered))
        throw PresentationRequestError.invalidResponse("The credentials presented do not answer the request's DCQL query.");
    }
    const result = this.resultOf(record.query, protocol, presented, verifications);
    if (!(await this.store.answer(record.id, result, new Date()))) {
      const now = await this.store.byId(record.id);
      throw now?.answer ? PresentationRequestError.answered() : PresentationRequestError.expired();
    }
  }

  private resultOf(
    query: RequestedCredentials,
    protocol: AnswerProtocol,
    presented: Presented[],
    verifications: PresentationVerification[],
  ): PresentationRequestResult {
    let next = 0;
    const credentials = verifications.flatMap((verification) => {
      const first = next;
      next += verification.report.credentials.length;
      return presentedCredentialsOf(verification, first, (credential, signed) => outsideRequest(query, credential.issuer?.id, signed));
    });
    const verdicts = verifications.map(({ report }) => report.verdict);
    const verdict: Verdict = verdicts.includes('failed') ? 'failed' : verdicts.includes('indeterminate') ? 'indeterminate' : 'verified';
    return {
      protocol,
      verdict,
      verified: verdict === 'verified',
      holders: [...new Set(verifications.flatMap(({ report }) => (report.holder ? [report.holder] : [])))],
      presentations: verifications.map(({ report }, index) => ({
        ...report,
        ...(presented[index].queryId ? { queryId: presented[index].queryId } : {}),
      })),
      creditSummary: creditSummary(credentials),
    };
  }

  /** The OpenID4VP request of a record: its payload, the `openid4vp://` link (by reference), and the signed request object. */
  private async authorizationRequest(record: PresentationRequestRecord) {
    const base = this.config.publicUrl;
    const requestUri = `${base}/openid4vp/requests/${record.transactionId}`;
    const created = await createOpenid4vpAuthorizationRequest({
      authorizationRequestPayload: {
        response_type: 'vp_token',
        client_id: this.signer.clientId,
        response_uri: `${base}/openid4vp/responses/${record.transactionId}`,
        response_mode: 'direct_post',
        nonce: record.nonce,
        state: record.transactionId,
        dcql_query: dcqlQueryOf(record.query),
        client_metadata: CLIENT_METADATA,
      },
      jar: {
        requestUri,
        jwtSigner: { method: 'did', didUrl: this.signer.didUrl, alg: 'ES256' },
        expiresInSeconds: Math.max(1, Math.ceil((record.expiresAt.getTime() - Date.now()) / 1000)),
        // The audience OpenID4VP names for request objects of a wallet that published no metadata.
        additionalJwtPayload: { aud: 'https://self-issued.me/v2' },
      },
      callbacks: {
        signJwt: this.signer.signJwt,
        encryptJwe: () => {
          throw new Error('Request objects are signed, never encrypted.');
        },
      },
    });
    return {
      payload: created.authorizationRequestPayload,
      link: created.authorizationRequest,
      requestUri,
      requestObject: created.jar!.authorizationRequestJwt,
    };
  }

  private async viewOf(record: PresentationRequestRecord): Promise<PresentationRequestView> {
    const base = this.config.publicUrl;
    const { link, requestUri } = await this.authorizationRequest(record);
    const exchangeUrl = `${base}/exchanges/${record.transactionId}`;
    const page = `${base}/presentation-requests/${record.id}`;
    const state = record.answer ? 'answered' : record.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
    return {
      id: record.id,
      state,
      createdAt: record.createdAt,
      expiresAt: record.expiresAt,
      query: record.query,
      page,
      openid4vp: { authorizationRequest: link, requestUri, clientId: this.signer.clientId },
      vcApi: {
        exchangeUrl,
        protocols: { vcapi: exchangeUrl },
        // The Learner Credential Wallet's deep link for a VC-API exchange (its documented request page).
        walletLink: `https://lcw.app/request.html?request=${encodeURIComponent(
          JSON.stringify({ credentialRequestOrigin: base, protocols: { vcapi: exchangeUrl } }),
        )}`,
      },
      qr: { openid4vp: `${page}/qr.svg`, vcApi: `${page}/qr.svg?wallet=vc-api` },
      ...(record.answer ? { answeredAt: record.answer.answeredAt, result: record.answer.result } : {}),
    };
  }
}
