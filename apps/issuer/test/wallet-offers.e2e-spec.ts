import { decodeJwt } from 'jose';
import pg from 'pg';
import { EXAMPLE_FACTS } from '../../../scripts/example-facts.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';
import { type InstitutionWithDids, withDids } from './issuer-identities.js';
import { ed25519HolderKey, type Received, redeemWithLibraryClient } from './wallets.js';

// OpenID4VCI, pre-authorized code flow, end to end on the real stack: a registrar issues, asks for
// an offer, and two wallets (the @openid4vc client, and a hand-written draft-13 one) redeem offers in
// each format, with and without tx_code, Bearer and DPoP; the stack's verifier accepts what they got.

let stack: TestStack;
let institution: InstitutionWithDids;
let db: pg.Client;

beforeAll(async () => {
  stack = await startTestStack();
  institution = await withDids(stack, await stack.createInstitution('Wallet University'));
  db = new pg.Client({ connectionString: stack.database.url });
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await stack.close();
});

const auth = () => ({ Authorization: `Bearer ${institution.apiKey}` });

async function issueCredit(): Promise<string> {
  const issued = await postJson(`${stack.issuerUrl}/v1/credentials`, EXAMPLE_FACTS.credit, auth());
  expect(issued.status).toBe(201);
  return issued.body.id as string;
}

async function offerFor(credentialId: string, body?: object): Promise<{ status: number; body: Record<string, any> }> {
  return postJson(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(credentialId)}/offer`, body ?? '', auth());
}

/** The credential the wallet received, as the stack's verifier reports it. */
async function verify(received: Received['credential']): Promise<Record<string, any>> {
  const report = await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential: received });
  expect(report.status).toBe(200);
  return report.body;
}

/** The subject of a received credential: the JWT's `vc` claims with `sub`, or the document's. */
function subjectOf(received: Received['credential']): Record<string, any> {
  if (typeof received === 'string') {
    const claims = decodeJwt(received) as Record<string, any>;
    return { ...claims.vc.credentialSubject, id: claims.sub };
  }
  return received.credentialSubject as Record<string, any>;
}

const FORMATS = ['ldp_vc', 'jwt_vc_json'] as const;

describe('the credential issuer metadata', () => {
  it('is served per institution where 1.0 and draft clients look, with a display in every configuration', async () => {
    const issuer = `${stack.issuerUrl}/institutions/${institution.slug}`;
    const after = (await (
      await fetch(`${stack.issuerUrl}/.well-known/openid-credential-issuer/institutions/${institution.slug}`)
    ).json()) as Record<string, any>;
    const appended = await (await fetch(`${issuer}/.well-known/openid-credential-issuer`)).json();
    expect(appended).toEqual(after);
    expect(after).toMatchObject({
      credential_issuer: issuer,
      credential_endpoint: `${issuer}/credential`,
      nonce_endpoint: `${issuer}/nonce`,
    });
    expect(after.display[0].name).toBe('Wallet University');
    for (const configuration of Object.values(after.credential_configurations_supported) as Record<string, any>[]) {
      expect(configuration.credential_metadata.display[0]).toMatchObject({ description: 'Issued by Wallet University', locale: 'en' });
      expect(configuration.proof_types_supported.jwt.proof_signing_alg_values_supported).toEqual(['ES256', 'EdDSA', 'Ed25519']);
    }
    for (const path of [
      `/.well-known/oauth-authorization-server/institutions/${institution.slug}`,
      `/institutions/${institution.slug}/.well-known/openid-configuration`,
    ]) {
      expect(await (await fetch(`${stack.issuerUrl}${path}`)).json()).toMatchObject({
        issuer,
        token_endpoint: `${issuer}/token`,
        grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
      });
    }
  });
});

describe('the @openid4vc client wallet (did:key Ed25519, 1.0 requests)', () => {
  it.each(FORMATS)('receives a %s credential bound to its did:key, which the verifier accepts', async (format) => {
    const original = await issueCredit();
    const offer = await offerFor(original);
    expect(offer.status).toBe(201);
    expect(offer.body.credentialOffer).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    const holder = ed25519HolderKey();
    const { credential, response } = await redeemWithLibraryClient(offer.body.credentialOffer, { holder, format });
    expect(response.credentials).toHaveLength(1);
    expect(typeof credential).toBe(format === 'jwt_vc_json' ? 'string' : 'object');
    const subject = subjectOf(credential);
    expect(subject.id).toBe(holder.did);
    expect(subject.identifier[0]).toMatchObject({ type: 'IdentityObject', identityType: 'sisSourcedId', hashed: true });
    const report = await verify(credential);
    expect(report.checks.filter((check: { status: string }) => check.status === 'invalid')).toEqual([]);
    expect(report.verdict).toBe('verified');
    const { rows } = await db.query('SELECT id, derived_from FROM issued_credentials WHERE derived_from = $1', [original]);
    expect(rows).toHaveLength(1);
  });
});
