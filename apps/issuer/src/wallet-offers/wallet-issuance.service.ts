import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Jwk,
  Oauth2ErrorCodes,
  Oauth2ServerErrorResponseError,
  preAuthorizedCodeGrantIdentifier,
  type RequestLike,
} from '@openid4vc/oauth2';
import type { IssuerMetadataResult, ParseCredentialRequestReturn } from '@openid4vc/openid4vci';
import { DomainError } from '#service-kit';
import { decodeJwt } from 'jose';
import { timingSafeEqual } from 'node:crypto';
import { CredentialIssuanceService, type IssuedCredential } from '../credentials/credential-issuance.service.js';
import { type Institution, InstitutionsService } from '../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { configurationOf, issuerMetadataOf, WALLET_FORMATS, type WalletFormat } from './credential-issuer-metadata.js';
import { Openid4vcLibrary } from './openid4vc-library.js';
import { WalletNoncesRepository } from './wallet-nonces.repository.js';
import { type WalletOfferRecord, WalletOffersRepository } from './wallet-offers.repository.js';

/** How long an access token lives: enough for a wallet to ask for its credential at once. */
const ACCESS_TOKEN_TTL_SECONDS = 300;
/** How long a c_nonce may wait for the proof that signs it. */
const NONCE_TTL_SECONDS = 300;
/** Wrong tx_codes an offer takes before it is dead: with a 6-digit PIN, 5 guesses in a million. */
export const MAX_TX_CODE_FAILURES = 5;

/** An OAuth / OpenID4VCI error response, as the protocol endpoints answer it (never the house `{error:{code}}`). */
function oauthError(error: string, description: string, status = 400): Oauth2ServerErrorResponseError {
  return new Oauth2ServerErrorResponseError({ error, error_description: description }, { status });
}

/**
 * The OpenID4VCI issuer of each institution, pre-authorized code flow: its metadata, the token
 * endpoint (pre-authorized code, optional tx_code, Bearer or DPoP tokens), nonces, and the credential
 * endpoint, which issues a new credential for the offered achievement bound to the wallet's key.
 */
@Injectable()
export class WalletIssuanceService {
  private readonly logger = new Logger(WalletIssuanceService.name);

  constructor(
    private readonly library: Openid4vcLibrary,
    private readonly institutions: InstitutionsService,
    private readonly offers: WalletOffersRepository,
    private readonly nonces: WalletNoncesRepository,
    private readonly issuance: CredentialIssuanceService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /** The credential issuer's URL for an institution: where its did:web lives too. */
  issuerUrlOf(institution: Pick<Institution, 'slug'>): string {
    return `${this.config.publicUrl}/institutions/${institution.slug}`;
  }

  metadataOf(institution: Institution): IssuerMetadataResult {
    return issuerMetadataOf(this.issuerUrlOf(institution), {
      name: institution.name,
      ...(institution.image ? { image: institution.image } : {}),
    });
  }

  async credentialIssuerMetadata(slug: string): Promise<Record<string, unknown>> {
    return this.metadataOf(await this.institutions.findBySlug(slug)).credentialIssuer;
  }

  async authorizationServerMetadata(slug: string): Promise<Record<string, unknown>> {
    return this.metadataOf(await this.institutions.findBySlug(slug)).authorizationServers[0];
  }

  jwks(): { keys: Jwk[] } {
    return this.library.jwks();
  }

  /**
   * The token endpoint: the pre-authorized code of a live, unredeemed offer (and its tx_code, when it
   * has one) buys one access token, bound to the wallet's DPoP key when it sends a DPoP proof, with
   * a c_nonce for draft-13 wallets. The code is redeemed once; a wrong tx_code counts, and after
   * MAX_TX_CODE_FAILURES the offer is dead.
   */
  async token(slug: string, request: RequestLike, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const institution = await this.institutions.findBySlug(slug);
    const authorizationServer = this.metadataOf(institution).authorizationServers[0];
    const parsed = this.library.authorizationServer.parseAccessTokenRequest({ accessTokenRequest: body, request });
    const { grant } = parsed;
    if (grant.grantType !== preAuthorizedCodeGrantIdentifier)
      throw oauthError(Oauth2ErrorCodes.UnsupportedGrantType, 'This issuer grants tokens for pre-authorized codes only.');
    const now = new Date();
    const offer = await this.offers.findByCodeHash(this.library.secretHash(grant.preAuthorizedCode));
    if (!offer || offer.institutionId !== institution.id)
      throw oauthError(Oauth2ErrorCodes.InvalidGrant, 'The pre-authorized code is not valid.');
    if (offer.redeemedAt) throw oauthError(Oauth2ErrorCodes.InvalidGrant, 'The pre-authorized code was used already.');
    if (offer.expiresAt <= now)
      throw oauthError(Oauth2ErrorCodes.InvalidGrant, 'The offer has expired; ask the institution for a new one.');
    await this.checkTxCode(offer, grant.txCode);
    const { dpop } = await this.library.authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
      authorizationServerMetadata: authorizationServer,
      grant,
      accessTokenRequest: parsed.accessTokenRequest,
      request,
      expectedPreAuthorizedCode: grant.preAuthorizedCode,
      ...(offer.txCodeHash ? { expectedTxCode: grant.txCode } : {}),
      preAuthorizedCodeExpiresAt: offer.expiresAt,
      now,
      dpop: { required: false, ...parsed.dpop, allowedSigningAlgs: authorizationServer.dpop_signing_alg_values_supported },
    });
    if (!(await this.offers.redeem(institution.id, offer.id, now)))
      throw oauthError(Oauth2ErrorCodes.InvalidGrant, 'The pre-authorized code was used already.');
    const issuerUrl = this.issuerUrlOf(institution);
    return this.library.authorizationServer.createAccessTokenResponse({
      authorizationServer: issuerUrl,
      audience: issuerUrl,
      signer: this.library.accessTokenSigner,
      subject: offer.id,
      expiresInSeconds: ACCESS_TOKEN_TTL_SECONDS,
      cNonce: this.newNonce(institution, now),
      cNonceExpiresIn: NONCE_TTL_SECONDS,
      ...(dpop ? { dpop } : {}),
      now,
    });
  }

  /** The nonce endpoint (OpenID4VCI 1.0): a fresh c_nonce, used once. */
  async nonce(slug: string): Promise<Record<string, unknown>> {
    const institution = await this.institutions.findBySlug(slug);
    const cNonce = this.newNonce(institution, new Date());
    return this.library.issuer.createNonceResponse({ cNonce, cNonceExpiresIn: NONCE_TTL_SECONDS });
  }

  /**
   * The credential endpoint: an access token for an offer (Bearer or DPoP, as it was issued), a
   * request for one of the offer's configurations (1.0 by `credential_configuration_id`, draft 13 by
   * `format` and `credential_definition`), and a proof of the holder's key over an unused c_nonce.
   * The answer is a new credential for the offered achievement with the holder as its subject, in
   * the shape the request came in: `credentials: [{credential}]` for 1.0, `credential` for draft 13.
   * The offer delivers once.
   */
  async credential(slug: string, request: RequestLike, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const institution = await this.institutions.findBySlug(slug);
    const metadata = this.metadataOf(institution);
    const issuerUrl = this.issuerUrlOf(institution);
    const { tokenPayload } = await this.library.resourceServer.verifyResourceRequest({
      authorizationServers: metadata.authorizationServers,
      resourceServer: issuerUrl,
      request,
    });
    const offer = typeof tokenPayload.sub === 'string' ? await this.offers.findOne(institution.id, tokenPayload.sub) : null;
    if (!offer) throw oauthError(Oauth2ErrorCodes.InvalidToken, 'The access token names no offer of this issuer.', 401);
    const parsed = this.library.issuer.parseCredentialRequest({ issuerMetadata: metadata, credentialRequest: body });
    const format = this.requestedFormat(parsed, offer);
    const proof = parsed.proofs?.jwt?.[0];
    if (!proof || (parsed.proofs?.jwt?.length ?? 0) > 1)
      throw oauthError(Oauth2ErrorCodes.InvalidProof, 'Send one proof of possession of the holder key, of type jwt.');
    const now = new Date();
    const nonce = nonceOf(proof);
    const nonceExpiresAt = nonce === undefined ? undefined : this.library.nonceExpiry(institution.id, nonce);
    if (!nonce || !nonceExpiresAt || nonceExpiresAt <= now || !(await this.nonces.use(institution.id, nonce, nonceExpiresAt, now)))
      throw oauthError(
        Oauth2ErrorCodes.InvalidNonce,
        'The proof signs no c_nonce of this issuer that is unused and unexpired; ask /nonce for a new one.',
      );
    const { signer } = await this.library.issuer.verifyCredentialRequestJwtProof({
      issuerMetadata: metadata,
      jwt: proof,
      expectedNonce: nonce,
      now,
    });
    const holder = signer.method === 'did' ? signer.didUrl.split('#')[0] : didJwkOf(signer.publicJwk);
    if (!(await this.offers.takeDelivery(institution.id, offer.id, now)))
      throw oauthError(Oauth2ErrorCodes.CredentialRequestDenied, 'This offer has delivered its credential already.');
    let issued: IssuedCredential;
    try {
      issued = await this.issuance.issueForHolder(institution, offer.credentialId, holder, WALLET_FORMATS[format]);
    } catch (error) {
      await this.offers.releaseDelivery(institution.id, offer.id);
      if (error instanceof DomainError && error.code === 'CREDENTIAL_REVOKED')
        throw oauthError(Oauth2ErrorCodes.CredentialRequestDenied, 'The institution has revoked this credential.');
      throw error;
    }
    await this.offers.recordDelivery(institution.id, offer.id, issued.id);
    this.logger.log(`Offer ${offer.id} delivered credential ${issued.id} (${format}) to ${holder.slice(0, 40)}…`);
    const credential = deliveredForm(issued);
    return this.library.issuer.createCredentialResponse({
      credentialRequest: parsed,
      ...(parsed.credentialConfigurationId
        ? { credentials: [{ credential }] }
        : { credential, cNonce: this.newNonce(institution, now), cNonceExpiresInSeconds: NONCE_TTL_SECONDS }),
    });
  }

  /** Which of the offer's formats the request asks for, or the OpenID4VCI error that says it asked for something else. */
  private requestedFormat(parsed: ParseCredentialRequestReturn, offer: WalletOfferRecord): WalletFormat {
    if (parsed.credentialConfigurationId) {
      const configuration =
        offer.configurationIds.includes(parsed.credentialConfigurationId) && configurationOf(parsed.credentialConfigurationId);
      if (!configuration)
        throw oauthError(Oauth2ErrorCodes.UnknownCredentialConfiguration, 'The offer holds no such credential configuration.');
      return configuration.format;
    }
    const asked = parsed.format?.format;
    const configuration = offer.configurationIds.map(configurationOf).find((candidate) => candidate?.format === asked);
    if (!configuration)
      throw oauthError(Oauth2ErrorCodes.UnsupportedCredentialFormat, `The offer holds no credential as ${String(asked)}.`);
    return configuration.format;
  }

  private async checkTxCode(offer: WalletOfferRecord, txCode: string | undefined): Promise<void> {
    if (!offer.txCodeHash) return;
    if (txCode === undefined) throw oauthError(Oauth2ErrorCodes.InvalidRequest, 'This offer requires its tx_code.');
    if (!(await this.offers.takeTxCodeAttempt(offer.institutionId, offer.id, MAX_TX_CODE_FAILURES)))
      throw oauthError(
        Oauth2ErrorCodes.InvalidGrant,
        'Too many wrong transaction codes: the offer is void; ask the institution for a new one.',
      );
    if (!timingSafeEqual(this.library.secretHash(txCode), offer.txCodeHash))
      throw oauthError(Oauth2ErrorCodes.InvalidGrant, 'The transaction code is wrong.');
    await this.offers.refundTxCodeAttempt(offer.institutionId, offer.id);
  }

  private newNonce(institution: Institution, now: Date): string {
    return this.library.mintNonce(institution.id, new Date(now.getTime() + NONCE_TTL_SECONDS * 1000));
  }
}

/** The nonce a proof JWT claims, read before it is verified (verifying is what checks it was signed). */
function nonceOf(proof: string): string | undefined {
  try {
    const { nonce } = decodeJwt(proof);
    return typeof nonce === 'string' ? nonce : undefined;
  } catch {
    return undefined;
  }
}

/** A plain JWK as the holder's DID: did:jwk of its public members, which any verifier resolves offline. */
export function didJwkOf(jwk: Jwk): string {
  const { kty, crv, x, y } = jwk;
  const publicJwk = Object.fromEntries(Object.entries({ crv, kty, x, y }).filter(([, value]) => value !== undefined));
  return `did:jwk:${Buffer.from(JSON.stringify(publicJwk), 'utf8').toString('base64url')}`;
}

/** The credential as OpenID4VCI carries its format: a JWT as its compact string, Data Integrity as the JSON document. */
function deliveredForm(issued: IssuedCredential): string | Record<string, unknown> {
  const { verifiableCredential } = issued;
  if (issued.format !== 'vc-jwt') return verifiableCredential;
  const jwt = (verifiableCredential.proof as { jwt?: unknown } | undefined)?.jwt;
  if (typeof jwt !== 'string') throw new Error(`credential ${issued.id} was signed as a VC-JWT but carries no JWT`);
  return jwt;
}
