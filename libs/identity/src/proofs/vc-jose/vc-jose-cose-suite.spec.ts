import type { VerificationMethod } from 'did-resolver';
import { readFileSync } from 'node:fs';
import { hasHighS } from '../../keys/high-s.js';
import { proofFailure } from '../proof-verification.js';
import type { KeyResolver } from './verification-key.js';
import { verifyVcJwt, verifyVpJwt } from './verify-vc-jwt.js';

// The W3C VC-JOSE-COSE test suite's JOSE inputs (test/fixtures/vc-jose-cose, see SOURCES.md there),
// each verified with the key its test-mapping.js names, with the result the suite expects. Their
// issuers are https URLs and their `kid`s JWK thumbprints, so the key comes from the suite's
// verification method file instead of a DID document.
const read = (name: string): string => readFileSync(new URL(`../../../test/fixtures/vc-jose-cose/${name}`, import.meta.url), 'utf8').trim();
const method = (name: string): VerificationMethod => JSON.parse(read(name)) as VerificationMethod;

/** The suite's verification method, found by its JWK thumbprint `kid` and owned by the signer the payload names. */
function suiteKey(file: string): KeyResolver {
  const { secretKeyJwk: _secret, ...verificationMethod } = method(file) as VerificationMethod & { secretKeyJwk?: unknown };
  return async ({ kid, controller }) => {
    if (kid !== verificationMethod.publicKeyJwk?.kid) return proofFailure('VERIFICATION_METHOD_NOT_FOUND', `${file} has no key ${kid}.`);
    if (controller !== undefined && controller !== verificationMethod.controller)
      return proofFailure('SIGNER_MISMATCH', `${file} belongs to ${verificationMethod.controller}.`);
    return { status: 'found', verificationMethod, signer: verificationMethod.controller };
  };
}

describe('the VC-JOSE-COSE test suite, JOSE credentials', () => {
  it.each([
    ['6. basic credential', 'credential-jose-minimal.txt', 'vm-p256.json'],
    ['8. issuer match', 'credential-issuer-match-signed.txt', 'vm-ed25519.json'],
  ])('%s verifies (%s)', async (_case, input, key) => {
    expect(await verifyVcJwt(read(input), { resolveKey: suiteKey(key) })).toMatchObject({
      status: 'valid',
      signer: 'https://example.issuer/vc-jose-cose',
    });
  });

  it.each([
    ['9. unknown extensions (ES512, not accepted here)', 'credential-jose-unknown-extensions.txt', 'SIGNATURE_ALGORITHM_NOT_ACCEPTED'],
    ['10. an unsecured credential', 'credential-minimal.json', 'PROOF_MALFORMED'],
    ['12. an invalid signature', 'credential-jose-bad-signature.txt', 'SIGNATURE_INVALID'],
    ['13. an invalid media type', 'credential-jose-bad-media-type.txt', 'MEDIA_TYPE_NOT_ACCEPTED'],
    ['15. vc and vp claims', 'credential-jose-vc-vp-claims.txt', 'JOSE_CLAIMS_NOT_ALLOWED'],
  ])('%s fails (%s)', async (_case, input, code) => {
    expect(await verifyVcJwt(read(input), { resolveKey: suiteKey('vm-ed25519.json') })).toMatchObject({ status: 'invalid', code });
  });
});

describe('the VC-JOSE-COSE test suite, JOSE presentations', () => {
  // Its ES384 signature is in the high-S form, which RFC 7518 allows: it verifies, as the suite expects.
  it('7. a presentation of enveloped credentials verifies, its ES384 signature in the high-S form; so does the vc+jwt in it', async () => {
    const jws = read('presentation-jose-multiple.txt');
    expect(hasHighS('ES384', jws.split('.')[2])).toBe(true);
    const result = await verifyVpJwt(jws, { resolveKey: suiteKey('vm-p384.json') });
    expect(result).toMatchObject({ status: 'valid', signer: 'https://example.issuer/vc-jose-cose' });
    const credentials = result.status === 'valid' ? result.credentials : [];
    expect(credentials.map((credential) => ('mediaType' in credential ? credential.mediaType : credential.format))).toEqual([
      'vc+jwt',
      'application/vc+sd-jwt',
      'application/vc+cose',
    ]);
    expect(await verifyVcJwt((credentials[0] as { jws: string }).jws, { resolveKey: suiteKey('vm-p256.json') })).toMatchObject({
      status: 'valid',
    });
  });

  it.each([
    ['11. an unsecured presentation', 'presentation-single.json', 'PROOF_MALFORMED'],
    ['14. an invalid media type', 'presentation-jose-bad-media-type.txt', 'MEDIA_TYPE_NOT_ACCEPTED'],
    ['16. an invalid credential inside', 'presentation-jose-bad-credential.txt', 'ENVELOPE_MALFORMED'],
  ])('%s fails (%s)', async (_case, input, code) => {
    expect(await verifyVpJwt(read(input), { resolveKey: suiteKey('vm-ed25519.json') })).toMatchObject({ status: 'invalid', code });
  });
});

describe('a VCDM 1.1 VC-JWT (did-jwt-vc vector 01)', () => {
  it('is not vc+jwt: its credential is in a vc claim, which the older format verifies', async () => {
    const jwt = readFileSync(new URL('../../../test/fixtures/did-jwt-vc/vector-01.jwt', import.meta.url), 'utf8').trim();
    expect(await verifyVcJwt(jwt, { resolveKey: suiteKey('vm-ed25519.json') })).toMatchObject({ status: 'invalid' });
  });
});
