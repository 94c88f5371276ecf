import { buildCredential, type CredentialFacts, issuanceTimestamp } from '#schemas';
import { ES256KSigner, hexToBytes } from 'did-jwt';
import { createVerifiableCredentialJwt } from 'did-jwt-vc';
import { SigningKey as EthersSigningKey, Wallet } from 'ethers';
import { EXAMPLE_FACTS } from '../../../../scripts/example-facts.js';
import { highSTwin } from '../../../../test/high-s-twin.js';
import type { SigningKey } from '../identity/issuer-identity.service.js';
import { checkSignedCredential, MAX_SIGNED_CREDENTIAL_BYTES } from './signed-credential-check.js';

/** A key like an institution's: its did:ethr names the compressed public key. */
function institutionKey(): { signingKey: SigningKey; privateKey: string } {
  const { privateKey } = Wallet.createRandom();
  const publicKeyHex = EthersSigningKey.computePublicKey(privateKey, true).slice(2);
  return { signingKey: { did: `did:ethr:0x7a69:0x${publicKeyHex}`, kid: publicKeyHex, publicKeyHex }, privateKey };
}

const now = new Date();
const institution = institutionKey();

/** Signs as Veramo does (did-jwt-vc), so that the check sees what the issuer signs. */
function signed(
  facts: CredentialFacts = EXAMPLE_FACTS.course,
  change: (credential: Record<string, any>) => void = () => undefined,
  key = institution,
) {
  const credential: Record<string, any> = buildCredential(facts, {
    id: 'urn:uuid:2f5c7c1e-8d7a-4b8e-9a51-6f0d1d0b9a11',
    issuer: { id: institution.signingKey.did, name: 'Example University', url: 'https://example.edu' },
    issuanceDate: issuanceTimestamp(now),
  });
  change(credential);
  return createVerifiableCredentialJwt(credential as never, {
    did: institution.signingKey.did,
    signer: ES256KSigner(hexToBytes(key.privateKey)),
    alg: 'ES256K',
  });
}

const veramoKey = { kind: 'veramo', key: institution.signingKey } as const;

const check = (jwt: string, kind: CredentialFacts['kind'] = 'course', at = now) =>
  checkSignedCredential({ format: 'vc-jwt', bytes: jwt, credential: {} }, { kind, key: veramoKey, now: at });

describe('checkSignedCredential', () => {
  it('passes what the issuer signs, of every kind', async () => {
    for (const facts of Object.values(EXAMPLE_FACTS)) expect(await check(await signed(facts), facts.kind)).toBeUndefined();
  });

  it(`refuses a JWT over ${MAX_SIGNED_CREDENTIAL_BYTES} bytes`, async () => {
    const jwt = await signed(
      EXAMPLE_FACTS.course,
      (credential) => (credential.credentialSubject.achievement.description = 'x'.repeat(MAX_SIGNED_CREDENTIAL_BYTES)),
    );
    expect(await check(jwt)).toEqual({ check: 'size', message: expect.stringContaining(`at most ${MAX_SIGNED_CREDENTIAL_BYTES} bytes`) });
  });

  it('refuses what does not decode to a credential', async () => {
    expect((await check('not.a.jwt'))?.check).toBe('format');
  });

  it('refuses a signature by any other key, and a JWT changed after signing', async () => {
    expect((await check(await signed(EXAMPLE_FACTS.course, undefined, institutionKey())))?.check).toBe('signature');
    const [header, payload, signature] = (await signed()).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.vc.credentialSubject.achievement.name = 'Advanced Databases';
    expect((await check([header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.')))?.check).toBe(
      'signature',
    );
  });

  it('refuses the high-S twin of a valid signature, which verifiers refuse', async () => {
    expect(await check(highSTwin(await signed()))).toEqual({ check: 'signature', message: expect.stringContaining('high-S') });
  });

  it('refuses a credential that no longer reads as its kind, or fails its schema once decoded', async () => {
    expect(await check(await signed(EXAMPLE_FACTS.certificate), 'course')).toEqual({
      check: 'schema',
      message: expect.stringContaining('reads as certificate'),
    });
    expect(await check(await signed(EXAMPLE_FACTS.course, (credential) => (credential.name = ' ')))).toEqual({
      check: 'schema',
      message: expect.stringContaining('/name must not be blank'),
    });
  });

  it('refuses a credential not valid at the signing time', async () => {
    const expired = await signed(EXAMPLE_FACTS.course, (credential) => (credential.validUntil = '2001-01-01T00:00:00Z'));
    expect(await check(expired)).toEqual({ check: 'validity-period', message: expect.stringContaining('expired at 2001-01-01') });
    const early = await signed();
    expect(await check(early, 'course', new Date(now.getTime() - 3600_000))).toEqual({
      check: 'validity-period',
      message: expect.stringContaining('valid only from'),
    });
    expect(await check(early, 'course', new Date(now.getTime() - 30_000))).toBeUndefined();
  });
});
