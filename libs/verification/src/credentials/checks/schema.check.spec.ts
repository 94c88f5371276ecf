import { buildCredential } from '#schemas';
import { readFileSync } from 'node:fs';
import { EXAMPLE_FACTS } from '../../../../../scripts/example-facts.js';
import type { ParsedCredential } from '../parsed-credential.js';
import { SchemaCheck } from './schema.check.js';

// A foreign Open Badges 3.0 credential (1EdTech validator's simple_v1, see libs/schemas/test/fixtures/README.md).
const FOREIGN_BADGE = JSON.parse(
  readFileSync(new URL('../../../../../libs/schemas/test/fixtures/ok/open-badges/simple_v1.json', import.meta.url), 'utf8'),
);

const parsed = (credential: Record<string, unknown>) => ({ credential }) as unknown as ParsedCredential;
const check = new SchemaCheck();
const ours = () =>
  buildCredential(EXAMPLE_FACTS.credit, {
    id: 'urn:uuid:0b8e3c8e-3f7c-4d0a-9f7e-8f2f3c1d2e4a',
    issuer: { id: 'did:ethr:0x7a69:0x0000000000000000000000000000000000000001', name: 'U', url: 'https://u.example' },
    issuanceDate: '2026-01-01T00:00:00Z',
  });

describe('SchemaCheck', () => {
  it('passes one of our kinds that meets its schema, and fails one that does not', async () => {
    expect(await check.run(parsed(ours()))).toEqual({ status: 'valid' });
    const broken = ours() as Record<string, any>;
    delete broken.credentialSubject.creditsEarned;
    expect(await check.run(parsed(broken))).toMatchObject({ status: 'invalid', reason: { code: 'SCHEMA_INVALID' } });
  });

  it("holds only our institutions' credentials to our kinds' constraints: another system's that looks like one is an Open Badge", async () => {
    // Without our academic-credit context it is no credit credential of ours, but still an Open Badge.
    const credential = ours();
    const foreign = { ...credential, '@context': credential['@context'].slice(0, 2) };
    expect(await check.run(parsed(foreign))).toMatchObject({
      status: 'invalid',
      reason: { message: expect.stringContaining('/@context') },
    });
    expect(await new SchemaCheck(async () => false).run(parsed(foreign))).toEqual({ status: 'valid' });
  });

  it("passes another issuer's Open Badges 3.0 credential against the 1EdTech schema alone", async () => {
    expect(await check.run(parsed(FOREIGN_BADGE))).toEqual({ status: 'valid' });
    const { name: _name, ...nameless } = FOREIGN_BADGE;
    expect(await check.run(parsed(nameless))).toMatchObject({
      status: 'invalid',
      reason: { code: 'SCHEMA_INVALID', message: expect.stringContaining('Open Badges 3.0') },
    });
  });

  it('skips, once it holds to the W3C data model, a credential of a kind it has no schema for', async () => {
    const degree = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/2018/credentials/examples/v1'],
      id: 'urn:uuid:9a3c1f3e-0d5b-4b7e-8f0a-1c2d3e4f5a6b',
      type: ['VerifiableCredential', 'UniversityDegreeCredential'],
      issuer: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner' },
    };
    expect(await check.run(parsed(degree))).toMatchObject({ status: 'skipped', reason: { code: 'SCHEMA_UNKNOWN_KIND' } });
    const { issuer: _issuer, ...issuerless } = degree;
    expect(await check.run(parsed(issuerless))).toMatchObject({
      status: 'invalid',
      reason: { code: 'SCHEMA_INVALID', message: expect.stringContaining('/issuer') },
    });
  });

  it('holds every credential to the W3C data model, an ldp_vc to carrying its proof', async () => {
    const plain = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
      credentialSubject: { id: 'did:example:1' },
    };
    expect(await check.run({ format: 'vc+jwt', credential: plain } as unknown as ParsedCredential)).toMatchObject({ status: 'skipped' });
    expect(await check.run({ format: 'ldp_vc', credential: plain } as unknown as ParsedCredential)).toMatchObject({
      status: 'invalid',
      reason: { code: 'SCHEMA_INVALID', message: expect.stringContaining('/proof is required') },
    });
    expect(await check.run(parsed({ ...plain, validFrom: 'yesterday' }))).toMatchObject({ status: 'invalid' });
  });
});
