import {
  createDocumentLoader,
  envelopeCredential,
  importSigningKey,
  signDataIntegrityCredential,
  signVcJwt,
  type SigningKey,
  type SigningKeyPair,
} from '#identity';
import { buildCredential, messageStatusListEntry } from '#schemas';
import { base58ToBytes, bytesToBase58, ES256Signer, EdDSASigner } from 'did-jwt';
import { createVerifiableCredentialJwt } from 'did-jwt-vc';
import { EXAMPLE_FACTS } from '../../../../scripts/example-facts.js';
import { highSTwin } from '../../../../test/high-s-twin.js';
import { didJwkPair, didKeyPair, didWebDocument, testResolver } from '../../../../test/factories/keys.js';
import { offlineVerifier } from '../../test/offline-verifier.js';
import { plainCredential } from '../../../../test/factories/plain-credential.js';
import { checkLines } from '../../../../test/reports.js';

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The Done-when credential of issue 12: plain VCDM 2.0, an id, a subject, nothing else. */
const webEd25519 = {
  ...didJwkPair('Ed25519'),
  id: 'did:web:school.example:issuers:7#ed25519',
  controller: 'did:web:school.example:issuers:7',
};
const webP256 = { ...didJwkPair('P-256'), id: 'did:web:college.example#p256', controller: 'did:web:college.example' };
const resolver = testResolver([didWebDocument(webEd25519.controller, webEd25519), didWebDocument(webP256.controller, webP256)]);
const documentLoader = createDocumentLoader(resolver);

type Format = 'vc+jwt' | 'enveloped vc+jwt' | 'ldp_vc' | 'vc-jwt';

/** The credential signed in a format, as a holder would send it. */
async function signedAs(format: Format, key: SigningKey, credential: object = plainCredential(key.controller)): Promise<unknown> {
  if (format === 'vc+jwt') return signVcJwt(credential, key);
  if (format === 'enveloped vc+jwt') return envelopeCredential(signVcJwt(credential, key));
  if (format === 'ldp_vc') return signDataIntegrityCredential(credential, key, { documentLoader });
  // A VCDM 1.1 VC-JWT as did-jwt-vc writes it, the key's secret as did-jwt's signers take it.
  const secret = Buffer.from(key.privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const signer = key.curve === 'Ed25519' ? EdDSASigner(Buffer.concat([secret, publicKeyBytesOf(key)])) : ES256Signer(secret);
  const v1 = {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential'],
    issuer: key.controller,
    issuanceDate: '2026-01-01T00:00:00Z',
    // did-jwt-vc moves the subject's id to `sub` and refuses a subject left empty.
    credentialSubject: { id: 'did:example:1', name: 'Ada' },
  };
  return createVerifiableCredentialJwt(v1, { did: key.controller, signer, alg: key.curve === 'Ed25519' ? 'EdDSA' : 'ES256' });
}

function publicKeyBytesOf(key: SigningKey): Buffer {
  return Buffer.from(key.privateKey.export({ format: 'jwk' }).x!, 'base64url');
}

/** What every check says of a validly signed credential of no kind we know, from an issuer nobody vouches for. */
const UNKNOWN_ISSUERS_PLAIN_CREDENTIAL = [
  ['format', 'valid', undefined],
  ['signature', 'valid', undefined],
  ['signed-payload', 'valid', undefined],
  ['schema', 'skipped', 'SCHEMA_UNKNOWN_KIND'],
  ['validity-period', 'valid', undefined],
  ['status', 'skipped', 'STATUS_NOT_PROVIDED'],
  ['anchor', 'skipped', 'ANCHOR_RECEIPT_NOT_PROVIDED'],
  ['issuer-trust', 'skipped', 'ISSUER_UNKNOWN'],
];

const SIGNERS: [string, () => Promise<SigningKeyPair>, Format[]][] = [
  ['did:key Ed25519', () => didKeyPair('Ed25519'), ['vc+jwt', 'enveloped vc+jwt', 'ldp_vc', 'vc-jwt']],
  ['did:key P-256', () => didKeyPair('P-256'), ['vc+jwt', 'enveloped vc+jwt', 'ldp_vc', 'vc-jwt']],
  ['did:jwk Ed25519', async () => didJwkPair('Ed25519'), ['vc+jwt', 'ldp_vc', 'vc-jwt']],
  ['did:jwk P-256', async () => didJwkPair('P-256'), ['vc+jwt', 'ldp_vc', 'vc-jwt']],
  ['did:jwk secp256k1', async () => didJwkPair('secp256k1'), ['vc+jwt']],
  ['did:web Ed25519', async () => webEd25519, ['vc+jwt', 'ldp_vc', 'vc-jwt']],
  ['did:web P-256', async () => webP256, ['vc+jwt', 'enveloped vc+jwt', 'ldp_vc', 'vc-jwt']],
];

describe.each(SIGNERS)('a plain credential (VCDM 2.0; 1.1 as vc-jwt) of a %s issuer nobody vouches for', (_signer, pairOf, formats) => {
  it.each(formats)(
    'as %s: its signature holds, its kind has no schema, and the verdict is indeterminate for the issuer alone',
    async (format) => {
      const key = await importSigningKey(await pairOf());
      const { verifier, fetched } = await offlineVerifier(resolver);
      const { report, credential } = await verifier.verify(await signedAs(format, key));
      expect(checkLines(report.checks)).toEqual(UNKNOWN_ISSUERS_PLAIN_CREDENTIAL);
      expect(report.checks[1].details).toEqual({ keyHistory: 'current' });
      expect(report).toMatchObject({ verdict: 'indeterminate', issuer: { id: key.controller, trusted: false } });
      expect(report.warnings.map((warning) => warning.reason?.code)).toEqual(['ISSUER_UNKNOWN']);
      expect(credential?.format).toBe(format === 'enveloped vc+jwt' ? 'vc+jwt' : format);
      expect(fetched).toEqual([]);
    },
  );
});

describe('issuer trust across formats', () => {
  it('verifies the credential of a trusted issuer, and of a DID a trusted institution is also known as', async () => {
    const key = await importSigningKey(webP256);
    const institution = {
      did: 'did:ethr:0x7a69:0x00000000000000000000000000000000000000aa',
      name: 'College',
      url: 'https://college.example',
    };
    const { verifier } = await offlineVerifier(resolver, { trusted: [{ ...institution, alsoKnownAs: [webP256.controller] }] });
    for (const format of ['vc+jwt', 'ldp_vc'] as const) {
      const { report } = await verifier.verify(await signedAs(format, key));
      expect(report).toMatchObject({ verdict: 'verified', issuer: { id: webP256.controller, trusted: true, name: 'College' } });
    }
    const stranger = await importSigningKey(webEd25519);
    expect((await verifier.verify(await signedAs('vc+jwt', stranger))).report.verdict).toBe('indeterminate');
  });

  it('holds one of our kinds, in VCDM 2.0 as ldp_vc, to its kind schema, and verifies it for a trusted issuer', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const credential = buildCredential(
      EXAMPLE_FACTS.credit,
      {
        id: 'urn:uuid:5d0e7c52-3b8f-4a1e-9c6d-2f4b8a0e1c37',
        issuer: { id: key.controller, name: 'U', url: 'https://u.example' },
        issuanceDate: '2026-01-01T00:00:00Z',
      },
      { dataModel: '2.0', credentialStatus: messageStatusListEntry('https://u.example/v1/status-lists/1', 5) },
    );
    const { credentialStatus: _status, ...statusless } = credential;
    const { verifier } = await offlineVerifier(resolver, { trusted: [{ did: key.controller, name: 'U', url: 'https://u.example' }] });
    const { report } = await verifier.verify(await signedAs('ldp_vc', key, statusless));
    expect(checkLines(report.checks).find(([check]) => check === 'schema')).toEqual(['schema', 'valid', undefined]);
    expect(report.verdict).toBe('verified');
  });
});

describe('signatures that do not hold', () => {
  it('fails a tampered credential in each format', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const { verifier } = await offlineVerifier(resolver);
    const ldp = (await signedAs('ldp_vc', key)) as Record<string, unknown>;
    const [header, , signature] = ((await signedAs('vc+jwt', key)) as string).split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ ...plainCredential(key.controller), credentialSubject: { id: 'did:example:2' } }),
    ).toString('base64url');
    for (const tampered of [{ ...ldp, credentialSubject: { id: 'did:example:2' } }, `${header}.${otherPayload}.${signature}`]) {
      const { report } = await verifier.verify(tampered);
      expect(checkLines(report.checks).slice(0, 2)).toEqual([
        ['format', 'valid', undefined],
        ['signature', 'invalid', 'SIGNATURE_INVALID'],
      ]);
      expect(report.verdict).toBe('failed');
    }
  });

  it('fails a credential that names another issuer than the key that signed it', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const { verifier } = await offlineVerifier(resolver);
    for (const format of ['vc+jwt', 'ldp_vc'] as const) {
      const { report } = await verifier.verify(await signedAs(format, key, plainCredential(webP256.controller)));
      expect(report.checks[1]).toMatchObject({ check: 'signature', status: 'invalid', reason: { code: 'SIGNATURE_INVALID' } });
    }
  });

  it('refuses the high-S twin of a secp256k1 vc+jwt', async () => {
    const key = await importSigningKey(didJwkPair('secp256k1'));
    const { verifier } = await offlineVerifier(resolver);
    const jws = (await signedAs('vc+jwt', key)) as string;
    expect((await verifier.verify(highSTwin(jws))).report.checks[1]).toMatchObject({
      status: 'invalid',
      reason: { code: 'SIGNATURE_HIGH_S' },
    });
  });

  it('fails a Data Integrity proof whose key is an https URL, fetching nothing', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const ldp = (await signedAs('ldp_vc', key)) as { proof: Record<string, unknown> };
    const { verifier, fetched } = await offlineVerifier(resolver);
    const moved = { ...ldp, proof: { ...ldp.proof, verificationMethod: 'https://school.example/keys#z6Mk' } };
    expect((await verifier.verify(moved)).report.checks[1]).toMatchObject({
      status: 'invalid',
      reason: { code: 'SIGNATURE_KEY_NOT_A_DID' },
    });
    expect(fetched).toEqual([]);
  });

  it('fails a Data Integrity credential that names a context this verifier has not pinned', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const ldp = (await signedAs('ldp_vc', key)) as Record<string, unknown>;
    const { verifier } = await offlineVerifier(resolver);
    const unpinned = { ...ldp, '@context': [...(ldp['@context'] as string[]), 'https://attacker.example/context.json'] };
    expect((await verifier.verify(unpinned)).report.checks[1]).toMatchObject({
      status: 'invalid',
      reason: { code: 'SIGNATURE_CONTEXT_NOT_PINNED' },
    });
  });
});

describe('P-256 signatures in their high-S form', () => {
  it('verify as the same vc+jwt credential, in the one form its link and leaf are computed from', async () => {
    const key = await importSigningKey(didJwkPair('P-256'));
    const { verifier } = await offlineVerifier(resolver);
    const jws = (await signedAs('vc+jwt', key)) as string;
    const original = await verifier.verify(jws);
    const twin = await verifier.verify(highSTwin(jws, P256_N));
    expect(twin.report.checks[1]).toMatchObject({ check: 'signature', status: 'valid' });
    expect(twin.credential?.bytes).toBe(jws);
    expect(original.credential?.bytes).toBe(jws);
  });

  it('verify as the same ldp_vc credential (ecdsa-rdfc-2019), whose JCS form is the signed one', async () => {
    const key = await importSigningKey(didJwkPair('P-256'));
    const { verifier } = await offlineVerifier(resolver);
    const ldp = (await signedAs('ldp_vc', key)) as { proof: { proofValue: string } };
    const signature = base58ToBytes(ldp.proof.proofValue.slice(1));
    const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
    const high = Buffer.concat([signature.subarray(0, 32), Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex')]);
    const twin = { ...ldp, proof: { ...ldp.proof, proofValue: `z${bytesToBase58(high)}` } };
    const [original, twinned] = [await verifier.verify(ldp), await verifier.verify(twin)];
    expect(twinned.report.checks[1]).toMatchObject({ check: 'signature', status: 'valid' });
    expect(twinned.credential?.bytes).toBe(original.credential?.bytes);
  });
});
