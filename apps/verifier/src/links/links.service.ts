import { Inject, Injectable, Logger } from '@nestjs/common';
import type { VerificationLink } from '#schemas';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import QRCode from 'qrcode';
import { CredentialVerifier, resultOf, type VerificationReport } from '#verification';
import { type CredentialDisplay, credentialDisplay } from '../pages/credential-display.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import { LinkStore } from './link-store.js';
import { LinkError } from './links.errors.js';

export interface LinkReport extends VerificationReport {
  link: VerificationLink;
  /** What the signed credential says, for people: the page renders it. */
  display?: CredentialDisplay;
}

/** The largest credential a link keeps: 128 KiB signed (a JWT, or a document's RFC 8785 JSON), far past any transcript's, well below a request's. */
export const MAX_LINKED_CREDENTIAL_BYTES = 128 * 1024;

/** The receipt the anchor check confirmed, if it did. */
const confirmedReceipt = (report: VerificationReport) => {
  const anchor = resultOf(report.checks, 'anchor');
  return anchor?.status === 'valid' ? anchor.details?.receipt : undefined;
};

/**
 * Short verification links for printing on a certificate or CV. The verifier keeps its own copy of
 * the signed credential (and its receipt once known), so a link is verified against the
 * credential, its receipt and the chain, and keeps working while the issuer is down.
 */
@Injectable()
export class LinksService {
  private readonly logger = new Logger(LinksService.name);

  constructor(
    private readonly verification: CredentialVerifier,
    @Inject(LinkStore) private readonly store: LinkStore,
    @Inject(VERIFIER_CONFIG) private readonly config: VerifierConfig,
  ) {}

  /**
   * A link for a credential whose signature verifies and whose issuer this verifier trusts, so that
   * nobody makes a trusted-looking page for anything else. The code is derived from the signed
   * bytes in their one form: the same credential always gets the same link, and nobody finds one without it. Anyone
   * may post a credential again, so what a caller sends beside it is kept only when it holds (a
   * receipt the anchor check confirmed), and never over a receipt already kept.
   */
  async create(credential: unknown, anchorReceipt?: unknown): Promise<VerificationLink> {
    const { report, credential: parsed } = await this.verification.verify(credential, { anchorReceipt });
    const signature = resultOf(report.checks, 'signature');
    if (signature?.status !== 'valid') {
      throw LinkError.credentialNotVerified((signature ?? report.checks[0]).reason?.message ?? 'it could not be read.');
    }
    if (!report.issuer?.trusted) throw LinkError.issuerNotTrusted(report.issuer?.id ?? 'its issuer');
    const { bytes, format, credential: signed } = parsed!;
    if (Buffer.byteLength(bytes) > MAX_LINKED_CREDENTIAL_BYTES) throw LinkError.credentialTooLarge(MAX_LINKED_CREDENTIAL_BYTES);
    // The credential's one form (a P-256 signature in its low-S form, a Data Integrity document as
    // RFC 8785 JSON): each twin or re-serialisation of a credential has the same link.
    const code = createHash('sha256').update(bytes, 'utf8').digest('base64url').slice(0, 16);
    const known = this.store.get(code);
    const receipt = known?.anchorReceipt ?? confirmedReceipt(report);
    if (!known || known.anchorReceipt !== receipt) {
      this.store.put({
        code,
        credential: format === 'ldp_vc' ? signed : bytes,
        ...(receipt !== undefined ? { anchorReceipt: receipt } : {}),
        createdAt: known?.createdAt ?? new Date().toISOString(),
      });
    }
    if (!known) this.logger.log(`Verification link ${code} made for ${report.credential?.id ?? 'a credential'} of ${report.issuer.id}`);
    return this.linkOf(code);
  }

  /**
   * The credential behind a link, verified now. A kept receipt that no longer holds (a reorg moved
   * the anchor) gives way to the one the issuer publishes, which is kept in its place once confirmed.
   */
  async report(code: string): Promise<LinkReport> {
    const record = this.store.get(code);
    if (!record) throw LinkError.notFound(code);
    const { report, credential } = await this.verification.verify(record.credential, {
      anchorReceipt: record.anchorReceipt,
      fallBackToPublishedReceipt: true,
    });
    const receipt = confirmedReceipt(report);
    if (receipt !== undefined && !isDeepStrictEqual(receipt, record.anchorReceipt)) this.store.put({ ...record, anchorReceipt: receipt });
    return { ...report, link: this.linkOf(code), ...(credential ? { display: credentialDisplay(credential.credential) } : {}) };
  }

  qrPng(code: string): Promise<Buffer> {
    return QRCode.toBuffer(this.urlOf(this.existing(code)), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
  }

  qrSvg(code: string): Promise<string> {
    return QRCode.toString(this.urlOf(this.existing(code)), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }

  private existing(code: string): string {
    if (!this.store.get(code)) throw LinkError.notFound(code);
    return code;
  }

  private urlOf(code: string): string {
    return `${this.config.publicUrl}/v/${code}`;
  }

  private linkOf(code: string): VerificationLink {
    const url = this.urlOf(code);
    return { code, url, qr: { png: `${url}/qr.png`, svg: `${url}/qr.svg` } };
  }
}
