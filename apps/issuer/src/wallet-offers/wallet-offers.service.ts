import { Inject, Injectable, Logger } from '@nestjs/common';
import { preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { CredentialIssuanceService } from '../credentials/credential-issuance.service.js';
import { type Institution, InstitutionsService } from '../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { configurationIdsOf } from './credential-issuer-metadata.js';
import { Openid4vcLibrary } from './openid4vc-library.js';
import { WalletIssuanceService } from './wallet-issuance.service.js';
import type { OfferRequest } from './wallet-offers.dto.js';
import { WalletOfferError } from './wallet-offers.errors.js';
import { WalletOffersRepository } from './wallet-offers.repository.js';

const TX_CODE_LENGTH = 6;

/** An offer as the registrar gets it: three ways to hand it to the learner, and the tx_code once. */
export interface CreatedWalletOffer {
  id: string;
  credentialId: string;
  expiresAt: string;
  /** The `openid-credential-offer://` deep link, the offer by value. */
  credentialOffer: string;
  qr: { png: string; svg: string };
  /** The page to email the learner: the QR code, the link and the steps. */
  claimPage: string;
  /** The PIN to send the learner by another channel; shown here once, stored only as a keyed hash. */
  txCode?: string;
}

/** What the claim page shows of an offer. */
export interface ClaimPageOffer {
  institution: Pick<Institution, 'name' | 'url'>;
  achievementName: string;
  credentialOffer: string;
  qrSvg: string;
  state: 'open' | 'collected' | 'expired';
  expiresAt: Date;
  txCodeRequired: boolean;
}

/**
 * Offers of issued credentials to learners' wallets (OpenID4VCI pre-authorized code flow): made by
 * the registrar, single use, expiring, optionally with a tx_code. The pre-authorized code is the
 * capability of the offer's claim page and QR codes: only its keyed hash is stored, so the page
 * for a code is found by hashing the code in its URL.
 */
@Injectable()
export class WalletOffersService {
  private readonly logger = new Logger(WalletOffersService.name);

  constructor(
    private readonly library: Openid4vcLibrary,
    private readonly repository: WalletOffersRepository,
    private readonly issuance: CredentialIssuanceService,
    private readonly institutions: InstitutionsService,
    private readonly walletIssuance: WalletIssuanceService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  async create(institution: Institution, credentialId: string, request: OfferRequest): Promise<CreatedWalletOffer> {
    const { kind } = await this.issuance.offerable(institution, credentialId);
    const code = randomBytes(32).toString('base64url');
    const txCode = request.txCode ? String(randomInt(10 ** TX_CODE_LENGTH)).padStart(TX_CODE_LENGTH, '0') : undefined;
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.walletOffers.offerTtlSeconds * 1000);
    const configurationIds = configurationIdsOf(kind);
    const credentialOffer = await this.deepLink(institution, configurationIds, code, txCode !== undefined);
    await this.repository.insert({
      id,
      institutionId: institution.id,
      credentialId,
      codeHash: this.library.secretHash(code),
      txCodeHash: txCode === undefined ? null : this.library.secretHash(txCode),
      configurationIds,
      expiresAt,
    });
    this.logger.log(`Offer ${id} of credential ${credentialId} for institution ${institution.id}${txCode ? ' (with tx_code)' : ''}`);
    const claimPage = this.claimPageUrl(code);
    return {
      id,
      credentialId,
      expiresAt: expiresAt.toISOString(),
      credentialOffer,
      qr: { png: `${claimPage}/qr.png`, svg: `${claimPage}/qr.svg` },
      claimPage,
      ...(txCode ? { txCode } : {}),
    };
  }

  /** The claim page's offer for a code, whatever its state; an unknown code is OFFER_NOT_FOUND. */
  async claimPage(code: string): Promise<ClaimPageOffer> {
    const { offer, institution, credentialOffer } = await this.byCode(code);
    const credential = await this.issuance.get(institution, offer.credentialId);
    const subject = credential.verifiableCredential.credentialSubject as { achievement?: { name?: unknown } } | undefined;
    const name = subject?.achievement?.name ?? credential.verifiableCredential.name;
    return {
      institution: { name: institution.name, url: institution.url },
      achievementName: typeof name === 'string' ? name : 'Your credential',
      credentialOffer,
      qrSvg: await svgOf(credentialOffer),
      state: offer.deliveredCredentialId || offer.redeemedAt ? 'collected' : offer.expiresAt <= new Date() ? 'expired' : 'open',
      expiresAt: offer.expiresAt,
      txCodeRequired: offer.txCodeHash !== null,
    };
  }

  async qrPng(code: string): Promise<Buffer> {
    const { credentialOffer } = await this.byCode(code);
    return QRCode.toBuffer(credentialOffer, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
  }

  async qrSvg(code: string): Promise<string> {
    return svgOf((await this.byCode(code)).credentialOffer);
  }

  private async byCode(code: string) {
    const offer = /^[A-Za-z0-9_-]{43}$/.test(code) ? await this.repository.findByCodeHash(this.library.secretHash(code)) : null;
    if (!offer) throw WalletOfferError.notFound();
    const institution = await this.institutions.get(offer.institutionId);
    const credentialOffer = await this.deepLink(institution, offer.configurationIds, code, offer.txCodeHash !== null);
    return { offer, institution, credentialOffer };
  }

  /** The offer by value, as an `openid-credential-offer://` link (rebuilt from the code: nothing else is kept). */
  private async deepLink(institution: Institution, configurationIds: string[], code: string, txCode: boolean): Promise<string> {
    const { credentialOffer } = await this.library.issuer.createCredentialOffer({
      issuerMetadata: this.walletIssuance.metadataOf(institution),
      credentialConfigurationIds: configurationIds,
      grants: {
        [preAuthorizedCodeGrantIdentifier]: {
          'pre-authorized_code': code,
          ...(txCode
            ? {
                tx_code: {
                  input_mode: 'numeric',
                  length: TX_CODE_LENGTH,
                  description: `The ${TX_CODE_LENGTH}-digit code ${institution.name} sent you separately`,
                },
              }
            : {}),
        },
      },
    });
    return credentialOffer;
  }

  private claimPageUrl(code: string): string {
    return `${this.config.publicUrl}/offers/${code}`;
  }
}

/** The offer link's QR code as SVG markup (error correction M, as the verifier's link codes). */
function svgOf(credentialOffer: string): Promise<string> {
  return QRCode.toString(credentialOffer, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
