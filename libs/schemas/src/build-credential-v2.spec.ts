import {
  applyPatch,
  expectViolations,
  FIXTURE_BUILD_CONTEXT,
  FIXTURE_BUILD_OPTIONS_V2,
  fixtureNames,
  type NotOkCase,
  okFacts,
  readFixture,
} from '../test/fixtures.js';
import { buildCredential } from './build-credential.js';
import { violationsOf } from './common/ajv.js';
import type { BuildContext } from './common/credential-envelope.js';
import { detectCredentialKind } from './detect-credential-kind.js';
import type { CredentialKind } from './facts.js';
import { officialSchemas } from './official-schemas/official-schemas.js';
import { validateOpenBadgeCredential } from './open-badges/validate-open-badge-credential.js';
import { statusListEntry } from './status-list/bitstring-status-list.js';
import { validateCredential } from './validate-credential.js';

const builtV2 = (name: string, ctx: BuildContext = FIXTURE_BUILD_CONTEXT, options = FIXTURE_BUILD_OPTIONS_V2) =>
  buildCredential(okFacts(name), ctx, options) as Record<string, any>;

const OPEN_BADGES_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

describe.each(fixtureNames('ok/facts'))('the VCDM 2.0 credential built from ok/facts/%s', (name) => {
  const { kind } = okFacts(name);

  it("passes 1EdTech's official 2019-09 schema unchanged", () => {
    expect(violationsOf(officialSchemas.openBadgeCredential(), builtV2(name))).toEqual([]);
  });

  it("passes the Open Badges checks and its kind's VCDM 2.0 schema, and is detected as its kind", () => {
    expect(validateOpenBadgeCredential(builtV2(name))).toEqual([]);
    expect(validateCredential(kind, builtV2(name))).toEqual([]);
    expect(detectCredentialKind(builtV2(name))).toBe(kind);
  });

  it('is current Open Badges 3.0: the v2 context first, then Open Badges and its extensions; validFrom; one status entry; the official schema named', () => {
    const credential = builtV2(name);
    expect(credential['@context'].slice(0, 3)).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]);
    expect(credential.validFrom).toBe(FIXTURE_BUILD_CONTEXT.issuanceDate);
    expect(credential).not.toHaveProperty('issuanceDate');
    expect(credential).not.toHaveProperty('expirationDate');
    expect(credential.credentialStatus).toEqual(FIXTURE_BUILD_OPTIONS_V2.credentialStatus);
    expect(credential.credentialSchema[0]).toEqual({ id: OPEN_BADGES_SCHEMA, type: '1EdTechJsonSchemaValidator2019' });
  });

  it('is the VCDM 1.1 credential in every other respect', () => {
    const { '@context': contexts, validFrom, validUntil, credentialStatus, ...rest } = builtV2(name);
    const {
      '@context': v1Contexts,
      issuanceDate,
      expirationDate,
      ...v1Rest
    } = buildCredential(okFacts(name), FIXTURE_BUILD_CONTEXT) as Record<string, any>;
    expect(rest).toEqual(v1Rest);
    expect([validFrom, validUntil]).toEqual([issuanceDate, expirationDate]);
    expect(contexts.slice(3)).toEqual(v1Contexts.slice(2));
  });

  it('may carry a plain revocation entry instead', () => {
    const revocation = statusListEntry('https://example.edu/v1/status-lists/6c1f0b3e-2f6a-4f0e-9d2b-1c3e5a7b9d0f', 'revocation', 4211);
    const credential = builtV2(name, FIXTURE_BUILD_CONTEXT, {
      dataModel: '2.0',
      credentialStatus: { ...revocation, statusPurpose: 'revocation' },
    });
    expect(credential.credentialStatus).toEqual(revocation);
    expect(violationsOf(officialSchemas.openBadgeCredential(), credential)).toEqual([]);
    expect(validateCredential(kind, credential)).toEqual([]);
  });
});

describe('golden VCDM 2.0 credentials', () => {
  it.each(fixtureNames('ok/credentials-v2'))('ok/facts/%s builds exactly ok/credentials-v2/%s', (name) => {
    expect(builtV2(name)).toEqual(readFixture('ok/credentials-v2', name));
  });
});

describe('VCDM 2.0 credentials of our kinds that their schemas refuse', () => {
  it.each(fixtureNames('not-ok/credentials-v2'))('refuses not-ok/credentials-v2/%s', (name) => {
    const { kind, base, patch, violations, only } = readFixture<NotOkCase & { kind: CredentialKind; base: string }>(
      'not-ok/credentials-v2',
      name,
    );
    expectViolations(validateCredential(kind, applyPatch(builtV2(base), patch)), violations, only);
  });
});

describe('the anchored package of a VCDM 2.0 credential', () => {
  const packageUrl = 'https://issuer.example/v1/anchors/credentials/urn%3Auuid%3A2f5c7c1e-8d7a-4b8e-9a51-6f0d1d0b9a11/package';

  it('is offered as a refresh service, whose type our own context defines', () => {
    const credential = builtV2('course', { ...FIXTURE_BUILD_CONTEXT, packageUrl });
    expect(credential.refreshService).toEqual({ id: packageUrl, type: 'AnchoredCredentialPackage2026' });
    expect(credential['@context']).toContain('https://w3id.org/lifelong-learning/contexts/anchored-credentials-v1.jsonld');
    expect(violationsOf(officialSchemas.openBadgeCredential(), credential)).toEqual([]);
    expect(validateCredential('course', credential)).toEqual([]);
  });

  it('names our context only when the credential uses it', () => {
    expect(builtV2('course')['@context']).not.toContain('https://w3id.org/lifelong-learning/contexts/anchored-credentials-v1.jsonld');
  });
});
