import { unwrapEnvelopedCredential, verifyDataIntegrityCredential, verifyVcJwt } from '#identity';
import { validateIssuerRegistry } from '#schemas';
import {
  adminAuth,
  createInstitution,
  issueCredential,
  stackResolver,
  stackVerifiers,
  type TestInstitution,
} from '../../../test/factories/index.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';
import { StrictSecretBox } from '../src/identity/key-encryption.js';

// Each institution's did:web, served by the issuer: its document, its keys (held like the did:ethr
// key), its slug, its link to the did:ethr, and the rotation of its keys through the admin API.

let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack();
  institution = await createInstitution(stack, { name: 'Université de Genève' });
});

afterAll(() => stack.close());

const admin = () => adminAuth(stack);
/** The admin API's answer, as it is: for the tests of slugs. */
const postInstitution = (body: object) => postJson(`${stack.issuerUrl}/v1/admin/institutions`, body, admin());
const documentOf = async (slug: string) => {
  const response = await fetch(`${stack.issuerUrl}/institutions/${slug}/did.json`);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('the did:web', () => {
  it('is named by a slug of the institution under the issuer public URL, with its port', () => {
    const { port } = new URL(stack.issuerUrl);
    expect(institution.slug).toBe('universite-de-geneve');
    expect(institution.didWeb).toBe(`did:web:localhost%3A${port}:institutions:universite-de-geneve`);
  });

  it('has its document where the did:web method looks: the contexts it needs, two Multikeys, and the did:ethr it is also', async () => {
    const { status, body } = await documentOf(institution.slug);
    expect(status).toBe(200);
    expect(body['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
    expect(body.id).toBe(institution.didWeb);
    expect(body.alsoKnownAs).toEqual([institution.did]);
    expect(body.verificationMethod).toEqual([
      {
        id: expect.stringMatching(/#z6Mk/),
        type: 'Multikey',
        controller: institution.didWeb,
        publicKeyMultibase: expect.stringMatching(/^z6Mk/),
      },
      {
        id: expect.stringMatching(/#zDn/),
        type: 'Multikey',
        controller: institution.didWeb,
        publicKeyMultibase: expect.stringMatching(/^zDn/),
      },
    ]);
    const ids = body.verificationMethod.map((method: { id: string }) => method.id);
    expect(body.assertionMethod).toEqual(ids);
    expect(body.authentication).toEqual(ids);
    const resolved = await stackResolver().resolve(institution.didWeb);
    expect(resolved.didResolutionMetadata.error).toBeUndefined();
    expect(resolved.didDocument).toEqual(body);
  });

  it('is not found for a slug no institution has', async () => {
    for (const slug of ['no-such-institution', 'Not_A_Slug']) {
      const { status, body } = await documentOf(slug);
      expect([status, body.error.code]).toEqual([404, 'INSTITUTION_NOT_FOUND']);
    }
  });

  it('keeps its keys in the key store encrypted with the key-encryption secret, like the did:ethr key', async () => {
    const { rows } = await stack.database.query(
      `SELECT k.kid, p."privateKeyHex" AS stored FROM institution_web_keys k JOIN "private-key" p ON p.alias = k.kid WHERE k.institution_id = $1`,
      [institution.id],
    );
    expect(rows).toHaveLength(2);
    for (const { stored } of rows) {
      expect((await new StrictSecretBox(stack.issuerConfig.keyEncryptionSecret).decrypt(stored)).length).toBeGreaterThan(0);
      await expect(new StrictSecretBox('11'.repeat(32)).decrypt(stored)).rejects.toMatchObject({ code: 'KEY_DECRYPTION_FAILED' });
    }
  });

  it('is named in the public registry beside the did:ethr', async () => {
    const registry = (await (await fetch(`${stack.issuerUrl}/v1/registry`)).json()) as Record<string, any>;
    expect(validateIssuerRegistry(registry)).toEqual([]);
    expect(registry.institutions).toContainEqual({
      did: institution.did,
      name: 'Université de Genève',
      url: 'https://test.example',
      alsoKnownAs: [institution.didWeb],
    });
  });
});

describe('slugs', () => {
  it('are derived from the name, the next free one taken; one asked for is kept, or refused when taken', async () => {
    const [first, second] = [
      await postInstitution({ name: 'Open Campus', url: 'https://open.example' }),
      await postInstitution({ name: 'Open  Campus!', url: 'https://open2.example' }),
    ];
    expect([first.body.slug, second.body.slug]).toEqual(['open-campus', 'open-campus-2']);
    const chosen = await postInstitution({ name: 'Registrar', url: 'https://r.example', slug: 'registrar-2026' });
    expect(chosen.body).toMatchObject({ slug: 'registrar-2026', didWeb: expect.stringMatching(/:institutions:registrar-2026$/) });
    const taken = await postInstitution({ name: 'Another', url: 'https://a.example', slug: 'registrar-2026' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'INSTITUTION_SLUG_TAKEN']);
    const malformed = await postInstitution({ name: 'Another', url: 'https://a.example', slug: 'Not A Slug' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
  });
});

describe('rotating the did:web keys through the admin API', () => {
  it('signs with new keys from then on, and keeps the old ones in the document so that what they signed still verifies', async () => {
    const rotating = await createInstitution(stack, { name: 'Rotation College' });
    const issue = async (format: 'ldp_vc' | 'vc+jwt') => (await issueCredential(stack, rotating, { format })).verifiableCredential;
    const methodOf = (credential: Record<string, any>) => {
      const jws = unwrapEnvelopedCredential(credential);
      return jws ? JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString()).kid : credential.proof.verificationMethod;
    };
    const before = { ldp: await issue('ldp_vc'), jose: await issue('vc+jwt') };
    const old = (await documentOf(rotating.slug)).body.verificationMethod.map((method: { id: string }) => method.id);

    const rotated = await postJson(`${stack.issuerUrl}/v1/admin/institutions/${rotating.id}/did-web/rotate-keys`, {}, admin());
    expect(rotated.status).toBe(200);
    const ids = rotated.body.verificationMethod.map((method: { id: string }) => method.id);
    expect(ids).toHaveLength(4);
    expect(ids.slice(2)).toEqual(old);
    expect(rotated.body.assertionMethod).toEqual(ids);
    expect((await documentOf(rotating.slug)).body).toEqual(rotated.body);

    const after = { ldp: await issue('ldp_vc'), jose: await issue('vc+jwt') };
    expect([methodOf(after.ldp), methodOf(after.jose)]).toEqual([ids[0], ids[1]]);
    expect([methodOf(before.ldp), methodOf(before.jose)]).toEqual([old[0], old[1]]);
    const { documentLoader, resolveKey } = stackVerifiers();
    for (const credential of [before.ldp, after.ldp])
      expect(await verifyDataIntegrityCredential(credential, { documentLoader })).toMatchObject({
        status: 'valid',
        signer: rotating.didWeb,
      });
    for (const credential of [before.jose, after.jose])
      expect(await verifyVcJwt(unwrapEnvelopedCredential(credential), { resolveKey })).toMatchObject({
        status: 'valid',
        signer: rotating.didWeb,
      });
  });

  it('is refused for an institution that does not exist', async () => {
    const response = await postJson(
      `${stack.issuerUrl}/v1/admin/institutions/00000000-0000-4000-8000-000000000000/did-web/rotate-keys`,
      {},
      admin(),
    );
    expect([response.status, response.body.error.code]).toEqual([404, 'INSTITUTION_NOT_FOUND']);
  });
});
