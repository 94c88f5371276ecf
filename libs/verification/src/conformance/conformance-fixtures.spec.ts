import { createDidResolver, type KeyResolver } from '#identity';
import type { VerificationMethod } from 'did-resolver';
import { readdirSync, readFileSync } from 'node:fs';
import { offlineVerifier } from '../../test/offline-verifier.js';
import { quietLogger } from '../../test/quiet-logger.js';
import type { CheckResult } from '../pipeline/check.js';
import { HolderSignatureCheck } from '../presentations/checks/holder-signature.check.js';
import { PresentationVerifier } from '../presentations/presentation-verifier.js';
import { SignatureVerifier } from '../signatures/signature-verifier.js';

// Public test vectors, copied unchanged (sources in libs/identity/test/fixtures/SOURCES.md and
// libs/verification/test/fixtures/SOURCES.md), verified by every check of this verifier, offline:
// did:key and did:jwk computed, did:web answered "not found" (recorded), no chain, no other fetch.
// did-jwt-vc's vectors need a chain: did-jwt-vc.integration-spec.ts.
const IDENTITY_FIXTURES = new URL('../../../identity/test/fixtures/', import.meta.url);
const FIXTURES = new URL('../../test/fixtures/', import.meta.url);

const names = (folder: URL, pattern = /\.(json|jwt|txt)$/) =>
  readdirSync(folder)
    .filter((name) => pattern.test(name) && !name.startsWith('vm-'))
    .sort();
const input = (folder: URL, name: string): unknown => {
  const text = readFileSync(new URL(name, folder), 'utf8').trim();
  return name.endsWith('.json') ? JSON.parse(text) : text;
};

/** The production resolver, but for did:web, whose fetch is recorded and answered 404 (the tests are offline). */
function offlineResolver() {
  const webFetched: string[] = [];
  const resolver = createDidResolver({ fetchDidWeb: async (url) => (webFetched.push(url), { status: 404, body: null }) });
  return { resolver, webFetched };
}

/** Each check's status and code, for the checks that did not pass. */
const problems = (checks: CheckResult[]) =>
  Object.fromEntries(
    checks.filter(({ status }) => status !== 'valid').map(({ check, status, reason }) => [check, `${status} ${reason?.code}`]),
  );

describe("1EdTech's Open Badges 3.0 examples", () => {
  const folder = new URL('1edtech-ob30/', IDENTITY_FIXTURES);

  /** The check each negative example fails, with its code: each fails for what it was written to show. */
  const NEGATIVE: Record<string, [string, string]> = {
    'simple-err-context.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-credential-subject-achievement-result-description-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-credential-subject-identifier-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-credential-subject-profile-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-credential-subject-result-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-credential-subject-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-evidence-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-issuer-otheridentifier-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-issuer-parentorg-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-issuer-type.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-type.json': ['schema', 'SCHEMA_INVALID'],
    'endorsement-err-schema-status-refresh.json': ['schema', 'SCHEMA_INVALID'],
    'simple-err-expired.json': ['validity-period', 'CREDENTIAL_EXPIRED'],
    'simple-err-issued.json': ['validity-period', 'CREDENTIAL_NOT_YET_VALID'],
    'simple-err-issuer.json': ['format', 'FORMAT_NOT_A_CREDENTIAL'],
    // A key that is no DID URL (no scheme, another scheme, did:example without a key) is refused
    // before anything is fetched; so is the https key of the example with a wrong proof value.
    'simple-err-proof-method-no-scheme.json': ['signature', 'SIGNATURE_KEY_NOT_A_DID'],
    'simple-err-proof-method-unknown-scheme.json': ['signature', 'SIGNATURE_KEY_NOT_A_DID'],
    'simple-err-proof-method-unknown-did-method.json': ['signature', 'SIGNATURE_KEY_NOT_A_DID'],
    'simple-err-proof-method.json': ['signature', 'SIGNATURE_KEY_NOT_A_DID'],
    'simple-err-proof-value.json': ['signature', 'SIGNATURE_KEY_NOT_A_DID'],
  };

  /**
   * What the examples written to pass give here. Their keys are `https://…#z6Mk…` URLs (1EdTech's
   * validator takes the key from the fragment, which ties it to no issuer; see libs/identity's
   * 1edtech-ob30 spec, where their signatures verify under that rule), a did:key without a key
   * fragment, a did:web that cannot be reached offline, cryptosuites this verifier does not verify
   * (`eddsa-2022`, the selective-disclosure `ecdsa-sd-2023`), RS256 JWTs, or no proof at all: none
   * verifies, and none makes this verifier fetch a key.
   */
  const POSITIVE: Record<string, Record<string, string>> = {
    'complete.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    // VCDM 1.1: the draft-04 schema of 1EdTech's validator refuses its endorsements; its expirationDate has passed.
    'complete_v1.json': {
      signature: 'invalid SIGNATURE_KEY_NOT_A_DID',
      schema: 'invalid SCHEMA_INVALID',
      'validity-period': 'invalid CREDENTIAL_EXPIRED',
    },
    'credential-status-revoked.json': { signature: 'invalid ISSUER_DID_UNRESOLVABLE' },
    'credential-status-revoked-blank-nodes.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'derivedcredential.json': { format: 'invalid FORMAT_PROOF_TYPE_UNSUPPORTED' },
    'endorsement-valid.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple-context-alias.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple-context-version.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple-did-key-method.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple-did-web-method.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple-eddsa-2022.json': { format: 'invalid FORMAT_PROOF_TYPE_UNSUPPORTED' },
    'simple-multiple-proofs.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple-noproof.json': { format: 'invalid FORMAT_NO_PROOF' },
    'simple.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple_v1.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    // The JWT lacks the achievement the schema requires.
    'simple.jwt': { signature: 'invalid SIGNATURE_ALGORITHM_NOT_ACCEPTED', schema: 'invalid SCHEMA_INVALID' },
    'velocity.jwt': { signature: 'invalid SIGNATURE_ALGORITHM_NOT_ACCEPTED' },
  };

  it('has every example, each in one of the two tables', () => {
    expect(names(folder)).toEqual(Object.keys({ ...NEGATIVE, ...POSITIVE }).sort());
  });

  it.each(Object.entries(NEGATIVE))('%s fails its %s check', async (name, [check, code]) => {
    const { resolver, webFetched } = offlineResolver();
    const { verifier, fetched } = await offlineVerifier(resolver);
    const { report } = await verifier.verify(input(folder, name));
    expect(report.checks.find((result) => result.check === check)).toMatchObject({ status: 'invalid', reason: { code } });
    expect(report.verdict).toBe('failed');
    expect([...fetched, ...webFetched]).toEqual([]);
  });

  it.each(Object.entries(POSITIVE))('%s fails here, nothing fetched but a did:web document', async (name, expected) => {
    const { resolver, webFetched } = offlineResolver();
    const { verifier, fetched } = await offlineVerifier(resolver);
    const { report } = await verifier.verify(input(folder, name));
    const { status, anchor, 'issuer-trust': _trust, ...rest } = problems(report.checks);
    expect(rest).toEqual(expected);
    // Status lists and anchored packages wait for a signature that holds; the schema passed unless said.
    if (!expected.format) expect([anchor, status]).toEqual(['skipped ANCHOR_RECEIPT_NOT_PROVIDED', expect.stringMatching(/^skipped /)]);
    expect(fetched).toEqual([]);
    expect(webFetched.every((url) => url.endsWith('/did.json'))).toBe(true);
  });
});

describe("1EdTech's CLR 2.0 examples", () => {
  const folder = new URL('1edtech-clr20/', FIXTURES);
  const EXPECTED: Record<string, Record<string, string>> = {
    'complex.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    'simple_old_safesigned.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID' },
    // The VCDM 1.1 (draft-04) schema does not allow an endorsement's name that the example gives.
    'simple_v1.json': { signature: 'invalid SIGNATURE_KEY_NOT_A_DID', schema: 'invalid SCHEMA_INVALID' },
    'simple-noproof.json': { format: 'invalid FORMAT_NO_PROOF' },
    // Its transcript holds a JWT where the schema wants a credential object.
    'simple.jwt': { signature: 'invalid SIGNATURE_ALGORITHM_NOT_ACCEPTED', schema: 'invalid SCHEMA_INVALID' },
  };

  it.each(names(folder))('%s: the CLR schema for its data model, and a signature this verifier does not check', async (name) => {
    const { resolver } = offlineResolver();
    const { verifier, fetched } = await offlineVerifier(resolver);
    const { report } = await verifier.verify(input(folder, name));
    const { status: _status, anchor: _anchor, 'issuer-trust': _trust, ...rest } = problems(report.checks);
    expect(rest).toEqual(EXPECTED[name]);
    expect(fetched).toEqual([]);
  });
});

describe('OpenAttestation v3 and Blockcerts v2 and v3 documents', () => {
  const folders = ['openattestation-v3/', 'blockcerts-v3/', 'blockcerts-v2/'].map((name) => new URL(name, FIXTURES));
  const cases = folders.flatMap((folder) =>
    names(folder).map((name) => [`${folder.pathname.split('/').at(-2)}/${name}`, folder, name] as const),
  );

  it.each(cases)('%s fails its format check, saying why, and nothing is fetched', async (_case, folder, name) => {
    const { resolver, webFetched } = offlineResolver();
    const { verifier, fetched } = await offlineVerifier(resolver);
    const document = input(folder, name) as Record<string, unknown>;
    const { report } = await verifier.verify(document);
    // A Merkle proof of their own (OpenAttestationMerkleProofSignature2018, MerkleProof2019, merkle-proof-2019), or, before wrapping or in Blockcerts v2's `signature`, none.
    const code = document.proof === undefined ? 'FORMAT_NO_PROOF' : 'FORMAT_PROOF_TYPE_UNSUPPORTED';
    expect(report).toMatchObject({ verdict: 'failed', checks: [{ check: 'format', status: 'invalid', reason: { code } }] });
    expect(report.checks).toHaveLength(1);
    expect([...fetched, ...webFetched]).toEqual([]);
  });

  it.each(names(new URL('blockcerts-v3/', FIXTURES)).filter((name) => name.includes('presentation')))(
    'blockcerts-v3/%s, sent as a presentation, fails its format check too',
    async (name) => {
      const { resolver } = offlineResolver();
      const { verifier } = await offlineVerifier(resolver);
      const presentations = new PresentationVerifier(
        verifier,
        new HolderSignatureCheck(new SignatureVerifier({ resolver })),
        { use: async () => ({ ok: false, code: 'CHALLENGE_UNKNOWN' }) },
        { clockSkewSeconds: 300, logger: quietLogger },
      );
      const { report } = await presentations.verify(input(new URL('blockcerts-v3/', FIXTURES), name));
      expect(report.checks).toEqual([
        {
          check: 'format',
          status: 'invalid',
          reason: { code: 'FORMAT_PROOF_TYPE_UNSUPPORTED', message: expect.stringContaining('merkle-proof-2019') },
        },
      ]);
    },
  );
});

describe('the W3C VC-JOSE-COSE test suite', () => {
  const folder = new URL('vc-jose-cose/', IDENTITY_FIXTURES);
  const methods = ['vm-ed25519.json', 'vm-p256.json', 'vm-p384.json'].map((name) => {
    const { secretKeyJwk: _secret, ...method } = input(folder, name) as VerificationMethod & { secretKeyJwk?: unknown };
    return method;
  });

  /** The suite's keys, found by their JWK thumbprint `kid` and owned by the signer the document names: its signers are no DIDs. */
  const suiteKeys =
    (): KeyResolver =>
    async ({ kid, controller }) => {
      const verificationMethod = methods.find((method) => method.publicKeyJwk?.kid === kid);
      if (!verificationMethod || (controller !== undefined && controller !== verificationMethod.controller))
        return { status: 'invalid', code: 'VERIFICATION_METHOD_NOT_FOUND', message: `The suite has no key ${kid} of ${controller}.` };
      return { status: 'found', verificationMethod, signer: verificationMethod.controller! };
    };

  const CREDENTIALS: Record<string, Record<string, string>> = {
    // 6 and 8: verify; their issuer is an https URL no registry lists, their kind has no schema.
    'credential-jose-minimal.txt': { schema: 'skipped SCHEMA_UNKNOWN_KIND', 'issuer-trust': 'skipped ISSUER_UNKNOWN' },
    'credential-issuer-match-signed.txt': { schema: 'skipped SCHEMA_UNKNOWN_KIND', 'issuer-trust': 'skipped ISSUER_UNKNOWN' },
    // 9: an algorithm this verifier does not accept (ES512).
    'credential-jose-unknown-extensions.txt': {
      signature: 'invalid SIGNATURE_ALGORITHM_NOT_ACCEPTED',
      schema: 'skipped SCHEMA_UNKNOWN_KIND',
      'issuer-trust': 'skipped ISSUER_TRUST_NOT_CHECKED',
    },
    'credential-minimal.json': { format: 'invalid FORMAT_NO_PROOF' },
    'credential-jose-bad-signature.txt': {
      signature: 'invalid SIGNATURE_INVALID',
      schema: 'skipped SCHEMA_UNKNOWN_KIND',
      'issuer-trust': 'skipped ISSUER_TRUST_NOT_CHECKED',
    },
    'credential-jose-bad-media-type.txt': { format: 'invalid FORMAT_MEDIA_TYPE_NOT_ACCEPTED' },
    'credential-jose-vc-vp-claims.txt': { format: 'invalid FORMAT_NOT_A_CREDENTIAL' },
    // COSE is not read here.
    'credential-cose-minimal.txt': { format: 'invalid FORMAT_UNRECOGNISED' },
  };

  it.each(Object.entries(CREDENTIALS))('%s, its signature checked with the suite key', async (name, expected) => {
    const { verifier } = await offlineVerifier(offlineResolver().resolver, { keyResolverFor: suiteKeys });
    const { report } = await verifier.verify(input(folder, name));
    const { status: _status, anchor: _anchor, ...rest } = problems(report.checks);
    expect(rest).toEqual(expected);
  });

  it('verifies the good credentials only with the suite key: with DIDs alone, their https keys are refused', async () => {
    const { verifier } = await offlineVerifier(offlineResolver().resolver);
    for (const name of ['credential-jose-minimal.txt', 'credential-issuer-match-signed.txt']) {
      expect((await verifier.verify(input(folder, name))).report.checks[1]).toMatchObject({
        status: 'invalid',
        reason: { code: 'SIGNATURE_KEY_NOT_A_DID' },
      });
    }
  });

  it.each([
    // 7: its holder's signature verifies, an ES384 one in the high-S form; it signs no challenge, which this
    // verifier asks for, and its exp has passed (as every suite presentation's).
    [
      'presentation-jose-multiple.txt',
      { challenge: 'invalid CHALLENGE_MISSING', domain: 'skipped DOMAIN_NOT_CHECKED', 'validity-period': 'invalid PRESENTATION_EXPIRED' },
    ],
    ['presentation-jose-bad-media-type.txt', { format: 'invalid FORMAT_MEDIA_TYPE_NOT_ACCEPTED' }],
    [
      'presentation-jose-bad-credential.txt',
      {
        'holder-signature': 'invalid SIGNATURE_PROOF_MALFORMED',
        challenge: 'skipped CHALLENGE_NOT_CHECKED',
        domain: 'skipped DOMAIN_NOT_CHECKED',
        'validity-period': 'invalid PRESENTATION_EXPIRED',
      },
    ],
    ['presentation-single.json', { format: 'invalid FORMAT_NO_PROOF' }],
  ])('%s, as a presentation', async (name, expected) => {
    const { verifier } = await offlineVerifier(offlineResolver().resolver, { keyResolverFor: suiteKeys });
    const holderSignature = new HolderSignatureCheck(
      new SignatureVerifier({ resolver: offlineResolver().resolver, keyResolverFor: suiteKeys }),
    );
    const presentations = new PresentationVerifier(
      verifier,
      holderSignature,
      { use: async () => ({ ok: false, code: 'CHALLENGE_UNKNOWN' }) },
      { clockSkewSeconds: 300, logger: quietLogger },
    );
    const { report } = await presentations.verify(input(folder, name));
    expect(problems(report.checks)).toEqual(expected);
    expect(report.verdict).toBe('failed');
  });
});
