import {
  createDocumentLoader,
  envelopeCredential,
  importSigningKey,
  signDataIntegrityCredential,
  signDataIntegrityPresentation,
  signVcJwt,
  signVpJwt,
  type SigningKey,
} from '#identity';
import { didJwkPair, didKeyPair, didWebDocument, testResolver } from '../../../../test/factories/keys.js';
import { offlineVerifier } from '../../test/offline-verifier.js';
import { quietLogger } from '../../test/quiet-logger.js';
import { SignatureVerifier } from '../signatures/signature-verifier.js';
import type { ChallengeStore, ChallengeUse } from './challenge-store.js';
import { HolderSignatureCheck } from './checks/holder-signature.check.js';
import { PresentationVerifier } from './presentation-verifier.js';
import { checkLines } from '../../../../test/reports.js';
import { presentationOf, signedPresentation } from '../../../../test/factories/presentations.js';

const SCHOOL = 'admissions.school.example';
const webHolder = { ...didJwkPair('Ed25519'), id: 'did:web:student.example#key', controller: 'did:web:student.example' };
const resolver = testResolver([didWebDocument(webHolder.controller, webHolder)]);
const documentLoader = createDocumentLoader(resolver);

/** Challenges handed to the school, each usable once. */
function challenges(...open: string[]): ChallengeStore {
  const used = new Set<string>();
  return {
    use: async (challenge): Promise<ChallengeUse> => {
      if (!open.includes(challenge) || used.has(challenge)) return { ok: false, code: 'CHALLENGE_UNKNOWN' };
      used.add(challenge);
      return { ok: true, domain: SCHOOL };
    },
  };
}

async function verifierWith(store: ChallengeStore): Promise<PresentationVerifier> {
  const { verifier } = await offlineVerifier(resolver);
  return new PresentationVerifier(verifier, new HolderSignatureCheck(new SignatureVerifier({ resolver })), store, {
    clockSkewSeconds: 300,
    logger: quietLogger,
  });
}

/** A credential about the holder, from an issuer of its own, in each format a wallet carries. */
async function credentialsFor(holder: string): Promise<unknown[]> {
  const issuer = await importSigningKey(await didKeyPair('P-256'));
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: issuer.controller,
    credentialSubject: { id: holder },
  };
  return [envelopeCredential(signVcJwt(credential, issuer)), await signDataIntegrityCredential(credential, issuer, { documentLoader })];
}

type Format = 'vp+jwt' | 'Data Integrity';

async function presented(format: Format, key: SigningKey, challenge: string, domain = SCHOOL): Promise<unknown> {
  return signedPresentation(format, key, await credentialsFor(key.controller), { challenge, domain, documentLoader });
}

const HOLDERS: [string, () => Promise<SigningKey>][] = [
  ['did:key', async () => importSigningKey(await didKeyPair('Ed25519'))],
  ['did:jwk', async () => importSigningKey(didJwkPair('P-256'))],
  ['did:web', async () => importSigningKey(webHolder)],
];

describe.each(['vp+jwt', 'Data Integrity'] as Format[])('a %s presentation', (format) => {
  it.each(HOLDERS)('of a %s holder verifies, with its credentials in either format, theirs', async (_method, keyOf) => {
    const key = await keyOf();
    const { report } = await (
      await verifierWith(challenges('c1'))
    ).verify(await presented(format, key, 'c1'), { challenge: 'c1', domain: SCHOOL });
    expect(checkLines(report.checks)).toEqual([
      ['format', 'valid', undefined],
      ['holder-signature', 'valid', undefined],
      ['challenge', 'valid', undefined],
      ['domain', 'valid', undefined],
      ['validity-period', 'valid', undefined],
    ]);
    expect(report.holder).toBe(key.controller);
    expect(report.credentials.map(({ checks, holder }) => [checks[1].status, holder.status])).toEqual([
      ['valid', 'valid'],
      ['valid', 'valid'],
    ]);
    // The credentials' issuers are nobody's institutions: the presentation holds, its credentials are indeterminate.
    expect(report.verdict).toBe('indeterminate');
  });

  it('fails a challenge this verifier never handed out, and a domain other than the one the challenge went to', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const verifier = await verifierWith(challenges('c1', 'c2'));
    expect(checkLines((await verifier.verify(await presented(format, key, 'c9'))).report.checks)[2]).toEqual([
      'challenge',
      'invalid',
      'CHALLENGE_UNKNOWN',
    ]);
    expect(checkLines((await verifier.verify(await presented(format, key, 'c2', 'elsewhere.example'))).report.checks)[3]).toEqual([
      'domain',
      'invalid',
      'DOMAIN_MISMATCH',
    ]);
  });

  it('fails a presentation signed by someone other than its holder, and takes no challenge for it', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const other = await importSigningKey(didJwkPair('Ed25519'));
    const presentation = presentationOf(other.controller, await credentialsFor(other.controller));
    const forged =
      format === 'vp+jwt'
        ? signVpJwt(presentation, key, { nonce: 'c1', aud: SCHOOL })
        : await signDataIntegrityPresentation(presentation, key, { documentLoader, challenge: 'c1', domain: SCHOOL });
    const { report } = await (await verifierWith(challenges('c1'))).verify(forged);
    expect(checkLines(report.checks).slice(1, 3)).toEqual([
      ['holder-signature', 'invalid', 'SIGNATURE_INVALID'],
      ['challenge', 'skipped', 'CHALLENGE_NOT_CHECKED'],
    ]);
    expect(report.credentials).toEqual([]);
  });
});

describe('a Data Integrity presentation', () => {
  it('whose proof was changed to answer another challenge no longer verifies', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const signed = (await presented('Data Integrity', key, 'c1')) as { proof: Record<string, unknown> };
    const replayed = { ...signed, proof: { ...signed.proof, challenge: 'c2' } };
    const { report } = await (await verifierWith(challenges('c2'))).verify(replayed, { challenge: 'c2' });
    expect(checkLines(report.checks)[1]).toEqual(['holder-signature', 'invalid', 'SIGNATURE_INVALID']);
  });

  it('that signs no challenge fails its holder signature, saying so', async () => {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const signed = (await presented('Data Integrity', key, 'c1')) as { proof: Record<string, unknown> };
    const { challenge: _challenge, ...proof } = signed.proof;
    const { report } = await (await verifierWith(challenges('c1'))).verify({ ...signed, proof });
    expect(report.checks[1]).toMatchObject({
      status: 'invalid',
      reason: { code: 'SIGNATURE_PROOF_MALFORMED', message: expect.stringContaining('challenge') },
    });
  });
});
