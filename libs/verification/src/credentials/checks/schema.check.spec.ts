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

  it("passes another issuer's Open Badges 3.0 credential against the 1EdTech schema alone", async () => {
    expect(await check.run(parsed(FOREIGN_BADGE))).toEqual({ status: 'valid' });
    const { name: _name, ...nameless } = FOREIGN_BADGE;
    expect(await check.run(parsed(nameless))).toMatchObject({
      status: 'invalid',
      reason: { code: 'SCHEMA_INVALID', message: expect.stringContaining('Open Badges 3.0') },
    });
  });

  it('fails a credential it cannot read as either', async () => {
    const degree = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential', 'UniversityDegreeCredential'],
      credentialSubject: {},
    };
    expect(await check.run(parsed(degree))).toMatchObject({ status: 'invalid', reason: { code: 'SCHEMA_UNKNOWN_KIND' } });
  });
});
