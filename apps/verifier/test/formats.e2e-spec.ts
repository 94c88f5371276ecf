import {
  createDocumentLoader,
  createDidResolver,
  envelopeCredential,
  importSigningKey,
  signDataIntegrityCredential,
  signVcJwt,
  signVpJwt,
  type SigningKey,
} from '#identity';
import { ES256KSigner, hexToBytes } from 'did-jwt';
import { createVerifiableCredentialJwt } from 'did-jwt-vc';
import { Wallet } from 'ethers';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  challengeFrom,
  didJwkPair,
  didKeyPair,
  didOf,
  didWebDocument,
  ethrKeyPair,
  plainCredential,
  presentationOf,
} from '../../../test/factories/index.js';
import { outcomeOf as statusOf } from '../../../test/reports.js';
import { highSTwin } from '../../../test/high-s-twin.js';
import { listeningVerifier, postJson } from '../../../test/stack.js';

// The verifier over HTTP, on the run's chain, with credentials of every format from issuers of every
// DID method it resolves, none of them the issuer service's: did:key and did:jwk computed, another
// did:ethr on the chain, a did:web served here over loopback HTTP (ALLOW_PRIVATE_NETWORK_FETCH, as
// in development). Its operator trusts one institution, which is also known as a did:jwk and a did:web.
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const didServer = http.createServer((request, response) => {
  didHits += 1;
  const body = request.url === '/.well-known/did.json' ? webDocument : undefined;
  response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? null));
});
let didHits = 0;
let webDocument: object;
let webKey: SigningKey;
let trustedJwk: SigningKey;
let verifierUrl: string;
let close: () => Promise<void>;

const institution = { did: didOf(Wallet.createRandom()), name: 'Trusted College', url: 'https://college.example' };

beforeAll(async () => {
  await new Promise<void>((resolve) => didServer.listen(0, '127.0.0.1', resolve));
  const did = `did:web:127.0.0.1%3A${(didServer.address() as AddressInfo).port}`;
  const webPair = { ...didJwkPair('Ed25519'), id: `${did}#key-1`, controller: did };
  webDocument = didWebDocument(did, webPair);
  webKey = await importSigningKey(webPair);
  trustedJwk = await importSigningKey(didJwkPair('P-256'));
  const trustedIssuersFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'trusted-')), 'issuers.json');
  writeFileSync(
    trustedIssuersFile,
    JSON.stringify({ type: 'IssuerRegistry', version: 1, institutions: [{ ...institution, alsoKnownAs: [trustedJwk.controller, did] }] }),
  );
  const verifier = await listeningVerifier({ ALLOW_PRIVATE_NETWORK_FETCH: 'true', TRUSTED_ISSUERS_FILE: trustedIssuersFile });
  verifierUrl = verifier.verifierUrl;
  close = () => verifier.app.close();
});

afterAll(async () => {
  await close();
  await new Promise<void>((resolve) => didServer.close(() => resolve()));
});

// did:key and did:jwk resolve offline; signing Data Integrity needs no more.
const documentLoader = createDocumentLoader(createDidResolver());
const verify = async (verifiableCredential: unknown) =>
  (await postJson(`${verifierUrl}/credentials/verify`, { verifiableCredential })).body;

describe('a plain VCDM 2.0 credential of an issuer this verifier does not know', () => {
  const ethrWallet = Wallet.createRandom();
  const ethrDid = didOf(ethrWallet);
  it.each([
    ['did:key, vc+jwt', async () => signVcJwt(plainCredential((await keyOf()).controller), await keyOf())],
    [
      'did:key, ldp_vc',
      async () => signDataIntegrityCredential(plainCredential((await keyOf()).controller), await keyOf(), { documentLoader }),
    ],
    [
      'did:jwk, enveloped vc+jwt',
      async () => {
        const key = await importSigningKey(didJwkPair('Ed25519'));
        return envelopeCredential(signVcJwt(plainCredential(key.controller), key));
      },
    ],
    [
      'another did:ethr, vc+jwt ES256K',
      async () => signVcJwt(plainCredential(ethrDid), await importSigningKey(ethrKeyPair(ethrWallet, ethrDid))),
    ],
    [
      'another did:ethr, VC-JWT',
      async () =>
        createVerifiableCredentialJwt(
          {
            '@context': ['https://www.w3.org/2018/credentials/v1'],
            type: ['VerifiableCredential'],
            issuer: ethrDid,
            issuanceDate: '2026-01-01T00:00:00Z',
            credentialSubject: { id: 'did:example:1', name: 'Ada' },
          },
          { did: ethrDid, signer: ES256KSigner(hexToBytes(ethrWallet.privateKey)), alg: 'ES256K' },
        ),
    ],
  ])('verifies, %s: its signature valid, its issuer unknown, the verdict indeterminate', async (_case, signed) => {
    const report = await verify(await signed());
    expect([
      statusOf(report, 'format'),
      statusOf(report, 'signature'),
      statusOf(report, 'schema'),
      statusOf(report, 'issuer-trust'),
    ]).toEqual([
      ['valid', undefined],
      ['valid', undefined],
      ['skipped', 'SCHEMA_UNKNOWN_KIND'],
      ['skipped', 'ISSUER_UNKNOWN'],
    ]);
    expect(report).toMatchObject({ verdict: 'indeterminate', verified: false, issuer: { trusted: false } });
    expect(report.warnings.map((warning: { reason: { code: string } }) => warning.reason.code)).toEqual(['ISSUER_UNKNOWN']);
  });
});

let didKey: SigningKey | undefined;
async function keyOf(): Promise<SigningKey> {
  didKey ??= await importSigningKey(await didKeyPair('Ed25519'));
  return didKey;
}

describe('the DIDs an institution is also known as', () => {
  it('make a did:jwk credential the institution’s: verified, the institution named from the trust file', async () => {
    const report = await verify(signVcJwt(plainCredential(trustedJwk.controller), trustedJwk));
    expect(report).toMatchObject({ verdict: 'verified', issuer: { id: trustedJwk.controller, trusted: true, name: 'Trusted College' } });
  });

  it('resolve a did:web over the hardened fetcher, and keep its document for the cache time', async () => {
    const before = didHits;
    for (const format of ['vc+jwt', 'ldp_vc'] as const) {
      const credential = plainCredential(webKey.controller);
      const signed =
        format === 'vc+jwt'
          ? signVcJwt(credential, webKey)
          : await signDataIntegrityCredential(credential, webKey, {
              documentLoader: createDocumentLoader(createDidResolver({ fetchDidWeb: async () => ({ status: 200, body: webDocument }) })),
            });
      const report = await verify(signed);
      expect(statusOf(report, 'signature')).toEqual(['valid', undefined]);
      expect(report.verdict).toBe('verified');
    }
    expect(didHits - before).toBe(1);
  });
});

describe('verification links', () => {
  // The links name the verifier's public URL, which a verifier listening on port 0 does not know: opened here by code.
  const reportOf = async (code: string): Promise<any> =>
    (await fetch(`${verifierUrl}/v/${code}`, { headers: { Accept: 'application/json' } })).json();

  it('give an ES256 vc+jwt and its high-S twin one link: the twin is the same credential', async () => {
    const jws = signVcJwt(plainCredential(trustedJwk.controller), trustedJwk);
    const posted = await postJson(`${verifierUrl}/links`, { verifiableCredential: jws });
    const twin = await postJson(`${verifierUrl}/links`, { verifiableCredential: highSTwin(jws, P256_N) });
    expect([posted.status, twin.status]).toEqual([201, 201]);
    expect(twin.body.code).toBe(posted.body.code);
    expect((await reportOf(posted.body.code)).verdict).toBe('verified');
  });

  it('keep an ldp_vc credential as signed, whatever its key order, and verify it when opened', async () => {
    const credential = { ...plainCredential(trustedJwk.controller), validFrom: '2026-03-01T00:00:00Z' };
    const signed = await signDataIntegrityCredential(credential, trustedJwk, { documentLoader });
    const posted = await postJson(`${verifierUrl}/links`, { verifiableCredential: signed });
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    const again = await postJson(`${verifierUrl}/links`, { verifiableCredential: reordered });
    expect(again.body.code).toBe(posted.body.code);
    const report = await reportOf(posted.body.code);
    // The page shows a VCDM 2.0 credential's validFrom as when it was issued.
    expect(report).toMatchObject({
      verdict: 'verified',
      credential: { issuer: trustedJwk.controller },
      display: { issuanceDate: '2026-03-01T00:00:00Z' },
    });
  });
});

describe('a presentation of a did:key holder, as vp+jwt', () => {
  it("verifies with the institution's credential about the holder inside", async () => {
    const holder = await importSigningKey(await didKeyPair('P-256'));
    const challenge = await challengeFrom(verifierUrl, 'admissions.school.example');
    const credential = envelopeCredential(signVcJwt(plainCredential(trustedJwk.controller, { subject: holder.controller }), trustedJwk));
    const presentation = signVpJwt(presentationOf(holder.controller, [credential]), holder, {
      nonce: challenge,
      aud: 'admissions.school.example',
    });
    const { body } = await postJson(`${verifierUrl}/presentations/verify`, {
      verifiablePresentation: presentation,
      options: { challenge, domain: 'admissions.school.example' },
    });
    expect(body).toMatchObject({ verdict: 'verified', holder: holder.controller });
    expect(body.credentials[0]).toMatchObject({ verdict: 'verified', holder: { status: 'valid' } });
  });
});
