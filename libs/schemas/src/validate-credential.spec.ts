import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_FACTS } from '../../../scripts/example-facts.js';
import { CREDENTIAL_KINDS, type CredentialKind } from './facts.js';
import { buildCredential, detectCredentialKind, validateCredential, validateOpenBadgeCredential } from './validate-credential.js';

const ISSUER = { id: 'did:ethr:0x7a69:0x02aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899', name: 'Example University', url: 'https://example.edu' };

function built(kind: CredentialKind) {
  return buildCredential(EXAMPLE_FACTS[kind], {
    id: 'urn:uuid:2f5c7c1e-8d7a-4b8e-9a51-6f0d1d0b9a11',
    issuer: ISSUER,
    issuanceDate: '2026-07-01T00:00:00Z',
    salt: '00112233445566778899aabbccddeeff',
  }) as Record<string, any>;
}

describe.each(CREDENTIAL_KINDS)('a built %s credential', (kind) => {
  it('passes the 1EdTech Open Badges schema and its kind\'s schema', () => {
    expect(validateOpenBadgeCredential(built(kind))).toEqual([]);
    expect(validateCredential(kind, built(kind))).toEqual([]);
  });

  it('is detected as its own kind', () => {
    expect(detectCredentialKind(built(kind))).toBe(kind);
  });

  it('fails its schema without an issuer, naming the path', () => {
    const credential = built(kind);
    delete credential.issuer;
    expect(validateCredential(kind, credential)).toContainEqual({ path: '/issuer', message: 'is required' });
  });

  it('fails its schema with a malformed issuance date', () => {
    const credential = { ...built(kind), issuanceDate: 'last tuesday' };
    expect(validateCredential(kind, credential).map((v) => v.path)).toContain('/issuanceDate');
  });

  it('fails its schema without the VerifiableCredential type', () => {
    const credential = { ...built(kind), type: ['OpenBadgeCredential'] };
    expect(validateCredential(kind, credential).map((v) => v.path)).toContain('/type');
  });

  it('fails its schema when nobody is named as the learner', () => {
    const credential = built(kind);
    delete credential.credentialSubject.identifier;
    delete credential.credentialSubject.id;
    expect(validateCredential(kind, credential).length).toBeGreaterThan(0);
  });
});

describe('kind constraints', () => {
  it('refuses a course credential whose achievement is a degree', () => {
    const credential = built('course');
    credential.credentialSubject.achievement.achievementType = 'BachelorDegree';
    expect(validateCredential('course', credential).map((v) => v.path)).toContain('/credentialSubject/achievement/achievementType');
  });

  it('refuses a credit credential without creditsEarned or with an unknown credit framework', () => {
    const noCredits = built('credit');
    delete noCredits.credentialSubject.creditsEarned;
    expect(validateCredential('credit', noCredits)).toContainEqual({ path: '/credentialSubject/creditsEarned', message: 'is required' });

    const unknownFramework = built('credit');
    unknownFramework.credentialSubject.achievement.creditPoint.framework = 'https://credits.example/made-up';
    expect(validateCredential('credit', unknownFramework).map((v) => v.path)).toContain('/credentialSubject/achievement/creditPoint/framework');
  });

  it('refuses a credential id that is not a random urn:uuid', () => {
    const credential = { ...built('certificate'), id: 'https://example.edu/credentials/1' };
    expect(validateCredential('certificate', credential).map((v) => v.path)).toContain('/id');
  });

  it('keeps the credit unit where Open Badges readers and ELM readers both find it', () => {
    const { achievement, creditsEarned } = built('credit').credentialSubject;
    expect(creditsEarned).toBe(6);
    expect(achievement.creditsAvailable).toBe(6);
    expect(achievement.creditPoint).toEqual({ type: 'CreditPoint', framework: 'http://data.europa.eu/snb/education-credit/6fcec5c5af', point: '6' });
  });
});

describe('foreign Open Badges credentials', () => {
  const dir = fileURLToPath(new URL('../test/fixtures/open-badges/', import.meta.url));
  it.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('%s (1EdTech) passes the Open Badges schema', (file) => {
    expect(validateOpenBadgeCredential(JSON.parse(readFileSync(dir + file, 'utf8')))).toEqual([]);
  });

  it('a foreign badge that is not a course, certificate or credit is none of our kinds', () => {
    expect(detectCredentialKind(JSON.parse(readFileSync(dir + 'simple_v1.json', 'utf8')))).toBeUndefined();
  });
});
