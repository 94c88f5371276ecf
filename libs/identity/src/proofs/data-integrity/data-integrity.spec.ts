import { base58ToBytes, bytesToBase58 } from 'did-jwt';
import { didJwkPair, didKeyPair, didWebDocument, testResolver } from '../../../../../test/factories/keys.js';
import { importSigningKey, InvalidSigningKey, type SigningKeyPair } from '../../keys/signing-key.js';
import { hasHighS } from '../../keys/high-s.js';
import { lowSProofs } from '../low-s-form.js';
import { createDocumentLoader } from '../document-loader.js';
import { ProofSigningError } from '../proof-signing.errors.js';
import { signDataIntegrityCredential, signDataIntegrityPresentation } from './sign-data-integrity.js';
import { verifyDataIntegrityCredential, verifyDataIntegrityPresentation } from './verify-data-integrity.js';
import { plainCredential } from '../../../../../test/factories/plain-credential.js';

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const credentialOf = (issuer: string) => plainCredential(issuer, { validFrom: '2026-01-01T00:00:00Z' });

const webPair = {
  ...didJwkPair('P-256'),
  id: 'did:web:issuer.example:institutions:uni-42#p256',
  controller: 'did:web:issuer.example:institutions:uni-42',
};
const webOnlyAuthentication = { ...didJwkPair('Ed25519'), id: 'did:web:holder.example#key', controller: 'did:web:holder.example' };
const resolver = testResolver([
  didWebDocument(webPair.controller, webPair),
  didWebDocument(webOnlyAuthentication.controller, webOnlyAuthentication, ['authentication']),
]);
const documentLoader = createDocumentLoader(resolver);

async function signed(pair: SigningKeyPair, credential: ReturnType<typeof credentialOf> = credentialOf(pair.controller)) {
  return signDataIntegrityCredential(credential, await importSigningKey(pair), { documentLoader });
}

describe('Data Integrity credentials', () => {
  it.each([
    ['eddsa-rdfc-2022', 'did:key', () => didKeyPair('Ed25519')],
    ['ecdsa-rdfc-2019', 'did:key', () => didKeyPair('P-256')],
    ['eddsa-rdfc-2022', 'did:jwk', async () => didJwkPair('Ed25519')],
    ['ecdsa-rdfc-2019', 'did:jwk', async () => didJwkPair('P-256')],
    ['ecdsa-rdfc-2019', 'did:web', async () => webPair],
  ])('signs with %s for a %s issuer, and verifies', async (cryptosuite, _method, pairOf) => {
    const pair = await pairOf();
    const credential = await signed(pair);
    expect(credential.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite,
      proofPurpose: 'assertionMethod',
      verificationMethod: pair.id,
    });
    expect(await verifyDataIntegrityCredential(credential, { documentLoader })).toEqual({
      status: 'valid',
      verificationMethod: pair.id,
      signer: pair.controller,
    });
  });

  it('keeps the credential it was given unchanged', async () => {
    const pair = await didKeyPair('Ed25519');
    const credential = credentialOf(pair.controller);
    await signed(pair, credential);
    expect(credential).toEqual(credentialOf(pair.controller));
  });

  it('finds any change to what was signed', async () => {
    const credential = await signed(await didKeyPair('Ed25519'));
    const tampered = { ...credential, credentialSubject: { id: 'did:example:someone-else' } };
    expect(await verifyDataIntegrityCredential(tampered, { documentLoader })).toMatchObject({
      status: 'invalid',
      code: 'SIGNATURE_INVALID',
    });
  });

  it('signs ECDSA in the low-S form, and verifies the high-S twin too, which lowSProofs turns back into the signed form', async () => {
    const credential = await signed(webPair);
    const signature = base58ToBytes((credential.proof.proofValue as string).slice(1));
    expect(hasHighS('ES256', Buffer.from(signature).toString('base64url'))).toBe(false);
    const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
    const highS = Buffer.concat([signature.subarray(0, 32), Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex')]);
    const twin = { ...credential, proof: { ...credential.proof, proofValue: `z${bytesToBase58(highS)}` } };
    expect(await verifyDataIntegrityCredential(twin, { documentLoader })).toMatchObject({ status: 'valid' });
    expect(lowSProofs(twin)).toEqual(credential);
    expect(lowSProofs(credential)).toBe(credential);
  });

  it('refuses a credential signed by someone other than its issuer', async () => {
    const pair = await didKeyPair('Ed25519');
    const credential = await signed(pair, credentialOf(webPair.controller));
    expect(await verifyDataIntegrityCredential(credential, { documentLoader })).toMatchObject({
      status: 'invalid',
      code: 'SIGNER_MISMATCH',
    });
  });

  it('refuses a key its DID lists only for authentication', async () => {
    const credential = await signed(webOnlyAuthentication);
    expect(await verifyDataIntegrityCredential(credential, { documentLoader })).toMatchObject({
      status: 'invalid',
      code: 'VERIFICATION_METHOD_NOT_AUTHORISED',
    });
  });

  it('says why a proof cannot be checked against its key', async () => {
    const credential = await signed(await didKeyPair('Ed25519'));
    const withMethod = (verificationMethod: unknown) => ({ ...credential, proof: { ...credential.proof, verificationMethod } });
    const verify = (document: object) => verifyDataIntegrityCredential(document, { documentLoader });
    expect(await verify(withMethod('https://issuer.example/keys#z6Mk'))).toMatchObject({
      status: 'invalid',
      code: 'VERIFICATION_METHOD_NOT_DID',
    });
    expect(await verify(withMethod(credential.issuer))).toMatchObject({ status: 'invalid', code: 'VERIFICATION_METHOD_NOT_DID' });
    expect(await verify(withMethod('did:example:123#key-1'))).toMatchObject({ status: 'invalid', code: 'ISSUER_DID_UNRESOLVABLE' });
    expect(await verify(withMethod(`${credential.issuer}#another-key`))).toMatchObject({
      status: 'invalid',
      code: 'VERIFICATION_METHOD_NOT_FOUND',
    });
    const unreachable = createDocumentLoader({ resolve: () => Promise.reject(new Error('no answer')) });
    expect(await verifyDataIntegrityCredential(credential, { documentLoader: unreachable })).toMatchObject({
      status: 'error',
      code: 'ISSUER_DID_UNAVAILABLE',
    });
  });

  it('refuses a context that is not pinned rather than fetching it', async () => {
    const pair = await didKeyPair('Ed25519');
    const credential = await signed(pair);
    const extended = { ...credential, '@context': [...credential['@context'], 'https://attacker.example/context.jsonld'] };
    expect(await verifyDataIntegrityCredential(extended, { documentLoader })).toMatchObject({
      status: 'invalid',
      code: 'CONTEXT_NOT_PINNED',
    });
  });

  it.each([
    ['null', null, 'PROOF_MALFORMED'],
    ['a string', 'eyJhbGciOi...', 'PROOF_MALFORMED'],
    ['no proof', credentialOf('did:example:1'), 'PROOF_MISSING'],
    ['a proof that is not an object', { ...credentialOf('did:example:1'), proof: 'z3FXQ' }, 'PROOF_MALFORMED'],
    ['an unknown proof type', { ...credentialOf('did:example:1'), proof: { type: 'SomeProofType' } }, 'PROOF_TYPE_UNSUPPORTED'],
    [
      'another cryptosuite',
      { ...credentialOf('did:example:1'), proof: { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-sd-2023' } },
      'PROOF_TYPE_UNSUPPORTED',
    ],
    [
      'another purpose',
      {
        ...credentialOf('did:example:1'),
        proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication' },
      },
      'PROOF_MALFORMED',
    ],
  ])('answers %s with a reason, without throwing', async (_case, document, code) => {
    expect(await verifyDataIntegrityCredential(document, { documentLoader })).toMatchObject({ status: 'invalid', code });
  });

  it('requires every proof of ours to hold, leaving others aside', async () => {
    const credential = await signed(await didKeyPair('Ed25519'));
    const other = { type: 'SomeProofType', proofPurpose: 'assertionMethod' };
    expect(await verifyDataIntegrityCredential({ ...credential, proof: [other, credential.proof] }, { documentLoader })).toMatchObject({
      status: 'valid',
    });
    const second = (await signed(await didKeyPair('Ed25519'), credentialOf(credential.issuer))).proof;
    expect(await verifyDataIntegrityCredential({ ...credential, proof: [credential.proof, second] }, { documentLoader })).toMatchObject({
      status: 'invalid',
      code: 'SIGNER_MISMATCH',
    });
  });

  it('refuses to sign what JSON-LD cannot canonicalise, with the reason', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const base = credentialOf(key.controller);
    const unpinned = signDataIntegrityCredential({ ...base, '@context': [...base['@context'], 'https://example.org/unpinned/v1'] }, key, {
      documentLoader,
    });
    await expect(unpinned).rejects.toThrow(ProofSigningError);
    await expect(unpinned).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_SIGNABLE', details: { reason: 'CONTEXT_NOT_PINNED' } });
    const undefinedTerm = signDataIntegrityCredential({ ...base, credentialSubject: { id: 'did:example:1', undefinedTerm: 'x' } }, key, {
      documentLoader,
    });
    await expect(undefinedTerm).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_SIGNABLE', details: { reason: 'JSON_LD_REFUSED' } });
  });

  it('refuses to sign Data Integrity with a secp256k1 key', async () => {
    const key = await importSigningKey(didJwkPair('secp256k1'));
    await expect(signDataIntegrityCredential(credentialOf(key.controller), key, { documentLoader })).rejects.toThrow(InvalidSigningKey);
  });
});

describe('Data Integrity presentations', () => {
  const presentationOf = (holder?: string) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    ...(holder ? { holder } : {}),
  });

  it.each([
    ['a did:key holder', () => didKeyPair('Ed25519')],
    ['a did:web holder whose key is for authentication only', async () => webOnlyAuthentication],
  ])('verifies the proof of %s over the challenge and domain asked for', async (_case, pairOf) => {
    const pair = await pairOf();
    const key = await importSigningKey(pair);
    const presentation = await signDataIntegrityPresentation(presentationOf(pair.controller), key, {
      documentLoader,
      challenge: 'c-1',
      domain: 'https://school.example',
    });
    expect(presentation.proof).toMatchObject({ proofPurpose: 'authentication', challenge: 'c-1', domain: 'https://school.example' });
    const verify = (challenge: string, domain?: string) =>
      verifyDataIntegrityPresentation(presentation, { documentLoader, challenge, domain });
    expect(await verify('c-1', 'https://school.example')).toEqual({
      status: 'valid',
      verificationMethod: pair.id,
      signer: pair.controller,
    });
    expect(await verify('c-2', 'https://school.example')).toMatchObject({ status: 'invalid', code: 'CHALLENGE_MISMATCH' });
    expect(await verify('c-1', 'https://other.example')).toMatchObject({ status: 'invalid', code: 'DOMAIN_MISMATCH' });
  });

  it('takes whoever signed as the holder when none is named, and refuses a holder who did not sign', async () => {
    const pair = await didKeyPair('P-256');
    const key = await importSigningKey(pair);
    const anonymous = await signDataIntegrityPresentation(presentationOf(), key, { documentLoader, challenge: 'c-1' });
    expect(await verifyDataIntegrityPresentation(anonymous, { documentLoader, challenge: 'c-1' })).toMatchObject({
      status: 'valid',
      signer: pair.controller,
    });
    const impostor = await signDataIntegrityPresentation(presentationOf(webPair.controller), key, { documentLoader, challenge: 'c-1' });
    expect(await verifyDataIntegrityPresentation(impostor, { documentLoader, challenge: 'c-1' })).toMatchObject({
      status: 'invalid',
      code: 'SIGNER_MISMATCH',
    });
  });

  it('refuses a credential proof offered as a presentation proof', async () => {
    const credential = await signed(await didKeyPair('Ed25519'));
    expect(
      await verifyDataIntegrityPresentation({ ...presentationOf(), proof: credential.proof }, { documentLoader, challenge: 'c-1' }),
    ).toMatchObject({
      status: 'invalid',
      code: 'PROOF_MALFORMED',
    });
  });
});
