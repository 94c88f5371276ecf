import type { DIDResolver } from 'did-resolver';
import { Wallet } from 'ethers';
import { highSTwin } from '../../../../../test/high-s-twin.js';
import { didJwkPair, didKeyPair, didOf, didWebDocument, ethrKeyPair, testResolver } from '../../../../../test/factories/keys.js';
import { importSigningKey, type SigningKey } from '../../keys/signing-key.js';
import { lowSJws } from '../low-s-form.js';
import { envelopeCredential, presentedCredential, unwrapEnvelopedCredential } from './enveloped-credential.js';
import { signingInputSignature } from './jws-algorithms.js';
import { signVcJwt, signVpJwt } from './sign-vc-jwt.js';
import { didKeyResolver } from './verification-key.js';
import { verifyVcJwt, verifyVpJwt } from './verify-vc-jwt.js';
import { plainCredential } from '../../../../../test/factories/plain-credential.js';

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** A JWS with any header and payload, signed properly: for what our signer never makes. */
function craft(header: object, payload: object, key: SigningKey, alg: 'EdDSA' | 'ES256' | 'ES256K' = 'EdDSA'): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${signingInputSignature(alg, input, key.privateKey)}`;
}

/** A did:ethr as ethr-did-resolver answers for an identifier with no registry changes: its key is an address. */
function ethrMethod(wallet: { address: string }): Record<string, DIDResolver> {
  return {
    ethr: async (did) => ({
      didResolutionMetadata: {},
      didDocumentMetadata: {},
      didDocument: {
        id: did,
        verificationMethod: [
          {
            id: `${did}#controller`,
            type: 'EcdsaSecp256k1RecoveryMethod2020',
            controller: did,
            blockchainAccountId: `eip155:31337:${wallet.address}`,
          },
        ],
        authentication: [`${did}#controller`],
        assertionMethod: [`${did}#controller`],
      },
    }),
  };
}

const wallet = Wallet.createRandom();
const ethrPair = { id: `${didOf(wallet)}#controller`, controller: didOf(wallet) };
const webPair = { ...didJwkPair('P-256'), id: 'did:web:issuer.example#p256', controller: 'did:web:issuer.example' };
const webAuthenticationOnly = { ...didJwkPair('Ed25519'), id: 'did:web:holder.example#key', controller: 'did:web:holder.example' };
const resolver = testResolver(
  [
    didWebDocument(webPair.controller, webPair),
    didWebDocument(webAuthenticationOnly.controller, webAuthenticationOnly, ['authentication']),
  ],
  ethrMethod(wallet),
);
const resolveKey = didKeyResolver(resolver);

describe('vc+jwt', () => {
  it.each([
    ['EdDSA', 'an Ed25519 did:key', () => didKeyPair('Ed25519')],
    ['ES256', 'a P-256 did:key', () => didKeyPair('P-256')],
    ['ES256', 'a P-256 did:jwk', async () => didJwkPair('P-256')],
    ['ES256', 'a did:web P-256 key', async () => webPair],
    ['ES256K', 'a secp256k1 did:jwk', async () => didJwkPair('secp256k1')],
    ['EdDSA', 'an Ed25519 did:jwk', async () => didJwkPair('Ed25519')],
  ])('signs %s with %s, and verifies', async (alg, _case, pairOf) => {
    const pair = await pairOf();
    const jws = signVcJwt(plainCredential(pair.controller), await importSigningKey(pair));
    const [header] = jws.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg, typ: 'vc+jwt', cty: 'vc', kid: pair.id });
    expect(await verifyVcJwt(jws, { resolveKey })).toEqual({
      status: 'valid',
      verificationMethod: pair.id,
      signer: pair.controller,
      credential: plainCredential(pair.controller),
    });
  });

  it('verifies ES256K from a did:ethr whose key is an address, by the key the signature recovers to', async () => {
    // The wallet's key as a JWK pair: how an issuer would hand its did:ethr key to the signer.
    const key = await importSigningKey(ethrKeyPair(wallet, ethrPair.controller));
    const jws = signVcJwt(plainCredential(key.controller), key);
    expect(await verifyVcJwt(jws, { resolveKey })).toMatchObject({ status: 'valid', signer: key.controller });
    const stranger = await importSigningKey({ ...didJwkPair('secp256k1'), id: ethrPair.id, controller: ethrPair.controller });
    expect(await verifyVcJwt(signVcJwt(plainCredential(key.controller), stranger), { resolveKey })).toMatchObject({
      status: 'invalid',
      code: 'SIGNATURE_INVALID',
    });
  });

  it('finds any change to the signed payload', async () => {
    const pair = await didKeyPair('Ed25519');
    const [header, , signature] = signVcJwt(plainCredential(pair.controller), await importSigningKey(pair)).split('.');
    const other = Buffer.from(
      JSON.stringify({ ...plainCredential(pair.controller), credentialSubject: { id: 'did:example:other' } }),
    ).toString('base64url');
    expect(await verifyVcJwt(`${header}.${other}.${signature}`, { resolveKey })).toMatchObject({
      status: 'invalid',
      code: 'SIGNATURE_INVALID',
    });
  });

  it('signs ES256K in the low-S form, and refuses its high-S twin', async () => {
    const pair = didJwkPair('secp256k1');
    const key = await importSigningKey(pair);
    for (let round = 0; round < 8; round += 1) {
      const jws = signVcJwt({ ...plainCredential(pair.controller), id: `urn:uuid:round-${round}` }, key);
      expect(await verifyVcJwt(jws, { resolveKey })).toMatchObject({ status: 'valid' });
      expect(lowSJws(highSTwin(jws))).toBe(highSTwin(jws));
      expect(await verifyVcJwt(highSTwin(jws), { resolveKey })).toMatchObject({ status: 'invalid', code: 'SIGNATURE_HIGH_S' });
    }
  });

  it('signs ES256 in the low-S form, verifies its high-S twin too, and lowSJws turns the twin back into the signed JWS', async () => {
    const pair = didJwkPair('P-256');
    const key = await importSigningKey(pair);
    for (let round = 0; round < 8; round += 1) {
      const jws = signVcJwt({ ...plainCredential(pair.controller), id: `urn:uuid:round-${round}` }, key);
      expect(await verifyVcJwt(jws, { resolveKey })).toMatchObject({ status: 'valid' });
      expect(await verifyVcJwt(highSTwin(jws, P256_N), { resolveKey })).toMatchObject({ status: 'valid' });
      expect([lowSJws(jws), lowSJws(highSTwin(jws, P256_N))]).toEqual([jws, jws]);
    }
  });

  describe('refuses what VC-JOSE-COSE does not allow', () => {
    let key: SigningKey;
    let payload: ReturnType<typeof plainCredential>;
    beforeAll(async () => {
      key = await importSigningKey(await didKeyPair('Ed25519'));
      payload = plainCredential(key.controller);
    });
    const header = (extra: object = {}) => ({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: key.id, ...extra });

    it.each([
      [
        'alg none',
        () =>
          `${Buffer.from(JSON.stringify(header({ alg: 'none' }))).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`,
        'SIGNATURE_ALGORITHM_NOT_ACCEPTED',
      ],
      ['an HMAC', () => craft(header({ alg: 'HS256' }), payload, key), 'SIGNATURE_ALGORITHM_NOT_ACCEPTED'],
      ['a critical extension', () => craft(header({ crit: ['b64'], b64: false }), payload, key), 'JOSE_EXTENSION_NOT_UNDERSTOOD'],
      ['another typ', () => craft(header({ typ: 'JWT' }), payload, key), 'MEDIA_TYPE_NOT_ACCEPTED'],
      ['a presentation typ', () => craft(header({ typ: 'vp+jwt' }), payload, key), 'MEDIA_TYPE_NOT_ACCEPTED'],
      ['the old vc+ld+json cty', () => craft(header({ cty: 'vc+ld+json' }), payload, key), 'MEDIA_TYPE_NOT_ACCEPTED'],
      ['no kid', () => craft(header({ kid: undefined }), payload, key), 'PROOF_MALFORMED'],
      ['a vc claim', () => craft(header(), { ...payload, vc: payload }, key), 'JOSE_CLAIMS_NOT_ALLOWED'],
      ['an iss other than the issuer', () => craft(header(), { ...payload, iss: 'did:example:other' }, key), 'JOSE_CLAIMS_NOT_ALLOWED'],
      [
        'a VCDM 1.1 credential',
        () => craft(header(), { ...payload, '@context': ['https://www.w3.org/2018/credentials/v1'] }, key),
        'PROOF_MALFORMED',
      ],
      ['no issuer', () => craft(header(), { ...payload, issuer: undefined }, key), 'PROOF_MALFORMED'],
      ['a presentation', () => craft(header(), { ...payload, type: ['VerifiablePresentation'] }, key), 'PROOF_MALFORMED'],
      ['a key of another DID', () => craft(header({ kid: webPair.id }), payload, key), 'SIGNER_MISMATCH'],
      ['an https key', () => craft(header({ kid: 'https://issuer.example/keys/1' }), payload, key), 'VERIFICATION_METHOD_NOT_DID'],
      [
        'a key the DID does not have',
        () => craft(header({ kid: `${key.controller}#other` }), payload, key),
        'VERIFICATION_METHOD_NOT_FOUND',
      ],
      [
        'a DID that does not resolve',
        () => craft(header({ kid: 'did:example:1#key' }), { ...payload, issuer: 'did:example:1' }, key),
        'ISSUER_DID_UNRESOLVABLE',
      ],
    ])('%s', async (_case, jwsOf, code) => {
      expect(await verifyVcJwt(jwsOf(), { resolveKey })).toMatchObject({ status: 'invalid', code });
    });

    it('takes a kid relative to the issuer', async () => {
      const relative = craft(header({ kid: `#${key.id.split('#')[1]}` }), payload, key);
      expect(await verifyVcJwt(relative, { resolveKey })).toMatchObject({ status: 'valid', verificationMethod: key.id });
    });

    it.each([null, 42, 'not a jws', 'a.b.c', `${Buffer.from('{}').toString('base64url')}.${Buffer.from('[]').toString('base64url')}.AA`])(
      'answers %p without throwing',
      async (jws) => {
        expect(await verifyVcJwt(jws, { resolveKey })).toMatchObject({ status: 'invalid', code: 'PROOF_MALFORMED' });
      },
    );
  });

  it('refuses a key its DID lists only for authentication', async () => {
    const key = await importSigningKey(webAuthenticationOnly);
    expect(await verifyVcJwt(signVcJwt(plainCredential(key.controller), key), { resolveKey })).toMatchObject({
      status: 'invalid',
      code: 'VERIFICATION_METHOD_NOT_AUTHORISED',
    });
  });

  it('says when the DID could not be resolved right now', async () => {
    const key = await importSigningKey(webPair);
    const unreachable = didKeyResolver({ resolve: () => Promise.reject(new Error('no answer')) });
    expect(await verifyVcJwt(signVcJwt(plainCredential(key.controller), key), { resolveKey: unreachable })).toMatchObject({
      status: 'error',
      code: 'ISSUER_DID_UNAVAILABLE',
    });
  });
});

describe('vp+jwt', () => {
  it('verifies the holder, the nonce and the audience, and unwraps the enveloped credentials', async () => {
    const issuer = await importSigningKey(await didKeyPair('P-256'));
    const holder = await importSigningKey(await didKeyPair('Ed25519'));
    const credential = signVcJwt(plainCredential(issuer.controller), issuer);
    const presentation = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: holder.controller,
      verifiableCredential: [envelopeCredential(credential)],
    };
    const jws = signVpJwt(presentation, holder, { nonce: 'n-1', aud: 'https://school.example' });
    const result = await verifyVpJwt(jws, { resolveKey, nonce: 'n-1', audience: 'https://school.example' });
    expect(result).toMatchObject({ status: 'valid', signer: holder.controller, credentials: [{ format: 'vc+jwt', jws: credential }] });
    expect(await verifyVcJwt(credential, { resolveKey })).toMatchObject({ status: 'valid', signer: issuer.controller });
    expect(await verifyVpJwt(jws, { resolveKey, nonce: 'n-2' })).toMatchObject({ status: 'invalid', code: 'CHALLENGE_MISMATCH' });
    expect(await verifyVpJwt(jws, { resolveKey, audience: 'https://other.example' })).toMatchObject({
      status: 'invalid',
      code: 'DOMAIN_MISMATCH',
    });
    expect(await verifyVcJwt(jws, { resolveKey })).toMatchObject({ status: 'invalid', code: 'MEDIA_TYPE_NOT_ACCEPTED' });
  });

  it('refuses an envelope that holds no credential', async () => {
    const holder = await importSigningKey(await didKeyPair('Ed25519'));
    const bad = {
      '@context': 'https://www.w3.org/ns/credentials/v2',
      id: 'data:application/vc+jwt,not-a-jws',
      type: 'EnvelopedVerifiableCredential',
    };
    const jws = signVpJwt(
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [bad] },
      holder,
    );
    expect(await verifyVpJwt(jws, { resolveKey })).toMatchObject({ status: 'invalid', code: 'ENVELOPE_MALFORMED' });
  });
});

describe('enveloped credentials', () => {
  const envelope = (id: string) => ({ '@context': 'https://www.w3.org/ns/credentials/v2', id, type: 'EnvelopedVerifiableCredential' });

  it('round-trips a compact JWS', () => {
    expect(unwrapEnvelopedCredential(envelopeCredential('aGVhZGVy.cGF5bG9hZA.c2ln'))).toBe('aGVhZGVy.cGF5bG9hZA.c2ln');
  });

  it.each([
    ['a vc+jwt', envelope('data:application/vc+jwt,aGVhZGVy.cGF5bG9hZA.c2ln'), { format: 'vc+jwt', jws: 'aGVhZGVy.cGF5bG9hZA.c2ln' }],
    [
      'an SD-JWT',
      envelope('data:application/vc+sd-jwt,aGVhZGVy.cGF5bG9hZA.c2ln~'),
      { format: 'other-envelope', mediaType: 'application/vc+sd-jwt' },
    ],
    [
      'a COSE credential',
      envelope('data:application/vc+cose;base64,0oRYVqQBJg'),
      { format: 'other-envelope', mediaType: 'application/vc+cose' },
    ],
    ['an embedded credential', { type: ['VerifiableCredential'] }, { format: 'embedded', credential: { type: ['VerifiableCredential'] } }],
    ['a vc+jwt that holds no JWS', envelope('data:application/vc+jwt,<script>'), undefined],
    ['a vc+jwt in base64', envelope('data:application/vc+jwt;base64,YS5iLmM='), undefined],
    ['an id that is no data URL', envelope('not-a-credential'), undefined],
    ['a string', 'data:application/vc+jwt,aGVhZGVy.cGF5bG9hZA.c2ln', undefined],
  ])('reads %s', (_case, value, presented) => {
    expect(presentedCredential(value)).toEqual(presented);
  });
});
