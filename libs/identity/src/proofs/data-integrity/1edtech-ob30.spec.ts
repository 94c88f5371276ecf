import { readdirSync, readFileSync } from 'node:fs';
import jsigs, { type DocumentLoader } from 'jsonld-signatures';
import { testResolver } from '../../../../../test/factories/keys.js';
import { createDocumentLoader } from '../document-loader.js';
import { refusalIn } from '../proof-verification.js';
import { isVerifiedProofType, VERIFYING_SUITES } from './data-integrity-suites.js';
import { IssuerAssertion } from './proof-purposes.js';
import { verifyDataIntegrityCredential } from './verify-data-integrity.js';

// 1EdTech's Open Badges 3.0 examples (test/fixtures/1edtech-ob30, see SOURCES.md there). Offline,
// with only DIDs resolved, none verifies here: their keys are `https://…#z6Mk…` URLs (or a did:web
// we cannot reach, or a bare did:key), and we fetch no key and trust no URL's fragment.
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/1edtech-ob30/${name}`, import.meta.url), 'utf8'));

const documentLoader = createDocumentLoader(testResolver());

/** What each example comes to, where it is not `VERIFICATION_METHOD_NOT_DID` (an https key URL, a bare key, another scheme). */
const OTHER_OUTCOMES: Record<string, string> = {
  'credential-status-revoked.json': 'ISSUER_DID_UNRESOLVABLE',
  'derivedcredential.json': 'PROOF_TYPE_UNSUPPORTED',
  'simple-eddsa-2022.json': 'PROOF_TYPE_UNSUPPORTED',
  'simple-noproof.json': 'PROOF_MISSING',
};

describe("1EdTech's Open Badges 3.0 examples, verified as we verify", () => {
  const names = readdirSync(new URL('../../../test/fixtures/1edtech-ob30/', import.meta.url)).filter((name) => name.endsWith('.json'));

  it('has every example', () => {
    expect(names).toHaveLength(35);
  });

  it.each(names)('%s: invalid, nothing fetched', async (name) => {
    const code = OTHER_OUTCOMES[name] ?? 'VERIFICATION_METHOD_NOT_DID';
    expect(await verifyDataIntegrityCredential(fixture(name), { documentLoader })).toMatchObject({ status: 'invalid', code });
  });
});

/**
 * 1EdTech's validator (EmbeddedProofProbe) takes the key from the verification method's fragment
 * when it is a multibase key, and the URL before it as the controller, which must be the issuer.
 * Nothing then ties the key to the issuer: anyone can sign as `https://any.example/issuer#<their
 * key>`. We do not adopt the rule; this loader applies it here only to show that our suites and
 * canonicalisation agree with the signatures 1EdTech made.
 */
function fragmentKeyLoader(verificationMethod: string): DocumentLoader {
  const [controller, fragment] = verificationMethod.split('#');
  return async (url) => {
    if (url === verificationMethod)
      return { contextUrl: null, documentUrl: url, document: { id: url, type: 'Multikey', controller, publicKeyMultibase: fragment } };
    if (url === controller)
      return { contextUrl: null, documentUrl: url, document: { id: controller, assertionMethod: [verificationMethod] } };
    return documentLoader(url);
  };
}

async function verifiedUnderFragmentRule(name: string): Promise<string> {
  const credential = fixture(name) as Record<string, unknown>;
  const proof = [credential.proof].flat().find((entry) => isVerifiedProofType(entry as Record<string, unknown>)) as Record<string, unknown>;
  const result = await jsigs.verify(
    { ...credential, proof },
    { suite: VERIFYING_SUITES, purpose: new IssuerAssertion(), documentLoader: fragmentKeyLoader(proof.verificationMethod as string) },
  );
  if (result.verified) return 'verified';
  const cause = result.results?.find((entry) => !entry.verified)?.error ?? result.error;
  return refusalIn(cause)?.outcome.code ?? (cause as Error).name;
}

describe("1EdTech's Open Badges 3.0 examples under 1EdTech's key-in-the-fragment rule (which we refuse)", () => {
  it.each([
    'complete.json',
    'credential-status-revoked-blank-nodes.json',
    'endorsement-valid.json',
    'simple-context-alias.json',
    'simple-context-version.json',
    'simple-did-web-method.json',
    'simple-err-expired.json',
    'simple-err-issued.json',
    'simple-multiple-proofs.json',
    'simple.json',
    'simple_v1.json',
  ])('%s: the eddsa-rdfc-2022 or Ed25519Signature2020 signature verifies', async (name) => {
    expect(await verifiedUnderFragmentRule(name)).toBe('verified');
  });

  it.each([
    ['simple-err-proof-value.json', 'Error'],
    ['endorsement-err-schema-status-refresh.json', 'Error'],
    ['simple-err-proof-method.json', 'DataError'],
    ['simple-err-issuer.json', 'SIGNER_MISMATCH'],
    ['simple-err-type.json', 'jsonld.ValidationError'],
    ['simple-err-context.json', 'jsonld.ValidationError'],
    ['simple-err-evidence-type.json', 'jsonld.ValidationError'],
    ['complete_v1.json', 'jsonld.ValidationError'],
  ])('%s fails even so (%s)', async (name, reason) => {
    expect(await verifiedUnderFragmentRule(name)).toBe(reason);
  });
});
