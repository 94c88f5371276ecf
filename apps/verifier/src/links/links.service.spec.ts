import type { CheckOutcome, CheckResult, CredentialCheckName, CredentialVerifier, VerifyOptions } from '#verification';
import type { VerifierConfig } from '../verifier.config.js';
import { LinkStore } from './link-store.js';
import { MAX_LINKED_CREDENTIAL_BYTES, LinksService } from './links.service.js';

const JWT = 'eyJhbGciOiJFUzI1NksifQ.eyJpc3MiOiJkaWQ6ZXRocjoweDdhNjk6MHgxIn0.c2lnbmF0dXJl';
const receipt = (blockNumber: number) => ({ type: 'CredentialAnchorReceipt', blockNumber });

/**
 * A verification that says what the test sets: a valid signature from a trusted issuer, and for the
 * anchor, `anchorOutcome` of the receipt it was given (or of none). It records each call's options.
 */
function verificationFake(anchorOutcome: (options: VerifyOptions) => CheckOutcome) {
  const calls: VerifyOptions[] = [];
  const service = {
    async verify(input: unknown, options: VerifyOptions = {}) {
      calls.push(options);
      const checks: CheckResult<CredentialCheckName>[] = [
        { check: 'signature', status: 'valid' },
        { check: 'anchor', ...anchorOutcome(options) },
      ];
      return {
        report: { verdict: 'verified', verified: true, checks, warnings: [], issuer: { id: 'did:ethr:0x7a69:0x1', trusted: true } },
        credential: { format: 'vc-jwt', bytes: input as string, issuer: 'did:ethr:0x7a69:0x1', credential: {} },
      };
    },
  };
  return { service: service as unknown as CredentialVerifier, calls };
}

const linksWith = (verification: CredentialVerifier, store = new LinkStore()) =>
  new LinksService(verification, store, { publicUrl: 'https://verify.example' } as VerifierConfig);

describe('LinksService', () => {
  it('keeps a receipt posted beside the credential only when the anchor check confirms it', async () => {
    const store = new LinkStore();
    const rejected = linksWith(
      verificationFake(() => ({ status: 'invalid', reason: { code: 'ANCHOR_RECEIPT_MALFORMED', message: '' } })).service,
      store,
    );
    const { code } = await rejected.create(JWT, { type: 'junk' });
    expect(store.get(code)?.anchorReceipt).toBeUndefined();

    const confirmed = linksWith(
      verificationFake(({ anchorReceipt }) => ({ status: 'valid', details: { receipt: anchorReceipt } })).service,
      store,
    );
    await confirmed.create(JWT, receipt(7));
    expect(store.get(code)?.anchorReceipt).toEqual(receipt(7));
  });

  it('never puts another receipt over a kept one when the credential is posted again', async () => {
    const store = new LinkStore();
    const links = linksWith(
      verificationFake(({ anchorReceipt }) => ({ status: 'valid', details: { receipt: anchorReceipt } })).service,
      store,
    );
    const { code } = await links.create(JWT, receipt(7));
    await links.create(JWT, receipt(9));
    expect(store.get(code)?.anchorReceipt).toEqual(receipt(7));
  });

  it('checks the published receipt when the kept one fails, and keeps it in its place once confirmed', async () => {
    const store = new LinkStore();
    const { code } = await linksWith(
      verificationFake(({ anchorReceipt }) => ({ status: 'valid', details: { receipt: anchorReceipt } })).service,
      store,
    ).create(JWT, receipt(7));
    // The kept receipt's block was reorganised away; the issuer's package now has block 12.
    const { service, calls } = verificationFake(({ fallBackToPublishedReceipt }) =>
      fallBackToPublishedReceipt
        ? { status: 'valid', details: { receipt: receipt(12) } }
        : { status: 'invalid', reason: { code: 'ANCHOR_BLOCK_MISMATCH', message: '' } },
    );
    const report = await linksWith(service, store).report(code);
    expect(calls).toEqual([expect.objectContaining({ anchorReceipt: receipt(7), fallBackToPublishedReceipt: true })]);
    expect(report.checks.find((check) => check.check === 'anchor')?.status).toBe('valid');
    expect(store.get(code)?.anchorReceipt).toEqual(receipt(12));
  });

  it(`refuses a credential larger than ${MAX_LINKED_CREDENTIAL_BYTES} bytes`, async () => {
    const store = new LinkStore();
    const huge = `${JWT.split('.')[0]}.${'A'.repeat(MAX_LINKED_CREDENTIAL_BYTES)}.c2ln`;
    await expect(linksWith(verificationFake(() => ({ status: 'skipped' })).service, store).create(huge)).rejects.toMatchObject({
      code: 'LINK_CREDENTIAL_TOO_LARGE',
    });
  });
});
