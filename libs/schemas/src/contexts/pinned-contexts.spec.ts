import { FIXTURE_BUILD_CONTEXT, FIXTURE_BUILD_OPTIONS_V2, fixtureNames, okFacts } from '../../test/fixtures.js';
import { buildCredential } from '../build-credential.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CONTEXT_URLS } from './context-urls.js';
import { academicCreditContext, anchoredCredentialsContext, pinnedContext } from './pinned-contexts.js';
import { messageStatusListEntry, statusListEntry } from '../status-list/bitstring-status-list.js';
import { recognitionFacts } from '../../test/recognition-facts.js';
import { buildRecognitionCredential } from '../recognition/recognition-credential.js';
import { buildClrCredential } from '../clr/build-clr-credential.js';

/** The copied files and their sha256, as SOURCES.md lists them. */
function copiedFiles(): [string, string][] {
  const sources = readFileSync(new URL('./SOURCES.md', import.meta.url), 'utf8');
  return [...sources.matchAll(/^\| `([^`]+\.json)` \|.*\| ([0-9a-f]{64}) \|$/gm)].map((match) => [match[1], match[2]]);
}

describe('pinnedContext', () => {
  it.each(Object.values(CONTEXT_URLS))('has the context our credentials name: %s', (url) => {
    expect(pinnedContext(url)).toHaveProperty('@context');
  });

  it.each([
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  ])('has the context of other Open Badges 3.0 credentials: %s', (url) => {
    expect(pinnedContext(url)).toHaveProperty('@context');
  });

  it.each([
    'https://w3id.org/security/data-integrity/v1',
    'https://w3id.org/security/data-integrity/v2',
    'https://www.w3.org/ns/did/v1',
    'https://w3id.org/security/multikey/v1',
    'https://w3id.org/security/suites/ed25519-2020/v1',
  ])('has the context Data Integrity proofs and DID documents name: %s', (url) => {
    expect(pinnedContext(url)).toHaveProperty('@context');
  });

  it('has the VCDM 2.0 examples context the W3C test suites send, which defines every term under its @vocab', () => {
    expect(pinnedContext('https://www.w3.org/ns/credentials/examples/v2')).toEqual({
      '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
    });
  });

  it.each([
    'https://attacker.example/context.json',
    'http://www.w3.org/2018/credentials/v1',
    'https://www.w3.org/2018/credentials/v1/',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.4.json',
    'constructor',
    '__proto__',
  ])('refuses %s', (url) => {
    expect(pinnedContext(url)).toBeUndefined();
  });

  it('keeps every copied context byte for byte as SOURCES.md records it', () => {
    expect(copiedFiles()).toHaveLength(14);
    for (const [file, sha256] of copiedFiles()) {
      expect([
        file,
        createHash('sha256')
          .update(readFileSync(new URL(`./${file}`, import.meta.url)))
          .digest('hex'),
      ]).toEqual([file, sha256]);
    }
  });

  it('serves our academic-credit context under its URL, frozen so no caller can change it', () => {
    const document = pinnedContext(CONTEXT_URLS.academicCreditV1) as { '@context': Record<string, unknown> };
    expect(document).toBe(academicCreditContext);
    expect(Object.isFrozen(document['@context'].creditReceived)).toBe(true);
    expect(() => Object.assign(document['@context'], { creditReceived: 'https://attacker.example/' })).toThrow(TypeError);
  });
});

/** Every term a context defines, including those its type-scoped contexts define. */
function termsOf(context: unknown): string[] {
  if (typeof context !== 'object' || context === null) return [];
  return Object.entries(context).flatMap(([term, definition]) => [
    term,
    ...termsOf((definition as { '@context'?: unknown })?.['@context']),
  ]);
}

/** Every property name and every `type` value in a JSON document. */
function termsUsedIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(termsUsedIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [key, ...(key === 'type' ? [child].flat() : []), ...termsUsedIn(child)]);
}

/** The terms a credential uses that none of the pinned contexts it names defines. */
function undefinedTermsOf(credential: { '@context': string[] }): string[] {
  const defined = new Set(credential['@context'].flatMap((url) => termsOf((pinnedContext(url) as { '@context': unknown })['@context'])));
  return termsUsedIn({ ...credential, '@context': undefined }).filter((term) => term !== '@context' && !defined.has(term));
}

describe('the contexts our VCDM 1.1 credentials name', () => {
  // Known gaps of the VCDM 1.1 shape, which stays as it is: 1EdTechJsonSchemaValidator2019 is
  // defined only by https://purl.imsglobal.org/spec/ob/v3p0/extensions.json, which that @context
  // does not list, nor our own context for the refresh service type. VC-JWTs do not need them; a
  // JSON-LD (Data Integrity) proof would, and it signs the VCDM 2.0 shape, whose test is below.
  const undefinedOnPurpose = ['1EdTechJsonSchemaValidator2019', 'AnchoredCredentialPackage2026'];

  it.each(fixtureNames('ok/facts'))('define every term of the credential built from ok/facts/%s', (name) => {
    const credential = buildCredential(okFacts(name), { ...FIXTURE_BUILD_CONTEXT, packageUrl: 'https://issuer.example/package' });
    expect(undefinedTermsOf(credential).filter((term) => !undefinedOnPurpose.includes(term))).toEqual([]);
  });
});

describe('the contexts our VCDM 2.0 credentials name', () => {
  const withPackage = { ...FIXTURE_BUILD_CONTEXT, packageUrl: 'https://issuer.example/package' };
  const revocation = {
    ...statusListEntry('https://issuer.example/v1/status-lists/1', 'revocation', 7),
    statusPurpose: 'revocation' as const,
  };

  it.each(fixtureNames('ok/facts'))('define every term of the credential built from ok/facts/%s, with no exception', (name) => {
    expect(undefinedTermsOf(buildCredential(okFacts(name), withPackage, FIXTURE_BUILD_OPTIONS_V2))).toEqual([]);
    expect(undefinedTermsOf(buildCredential(okFacts(name), withPackage, { dataModel: '2.0', credentialStatus: revocation }))).toEqual([]);
  });

  it('name our own context, which defines the refresh service type of the anchored package', () => {
    const credential = buildCredential(okFacts('course'), withPackage, FIXTURE_BUILD_OPTIONS_V2);
    expect(credential['@context']).toContain(CONTEXT_URLS.anchoredCredentialsV1);
    expect(termsOf(anchoredCredentialsContext['@context' as keyof object])).toEqual([
      '@version',
      '@protected',
      'AnchoredCredentialPackage2026',
    ]);
  });

  it('rely on https://www.w3.org/ns/credentials/v2 for the status entry: its terms are scoped to BitstringStatusListEntry there', () => {
    const v2 = (pinnedContext(CONTEXT_URLS.credentialsV2) as { '@context': Record<string, any> })['@context'];
    const entry = v2.BitstringStatusListEntry;
    expect(entry['@id']).toBe('https://www.w3.org/ns/credentials/status#BitstringStatusListEntry');
    const scoped = entry['@context'];
    for (const term of Object.keys(messageStatusListEntry('https://issuer.example/v1/status-lists/1', 7)).filter(
      (key) => !['id', 'type'].includes(key),
    )) {
      expect([term, scoped[term]?.['@id'] ?? scoped[term]]).toEqual([term, `https://www.w3.org/ns/credentials/status#${term}`]);
    }
    expect(scoped.statusSize['@type']).toBe('https://www.w3.org/2001/XMLSchema#integer');
    expect(scoped.statusMessage['@context']).toMatchObject({
      status: 'https://www.w3.org/ns/credentials/status#status',
      message: 'https://www.w3.org/ns/credentials/status#message',
    });
  });
});

describe('the contexts our recognition credentials name', () => {
  it('define every term, the recognition extension included, with no exception', () => {
    const withPackage = { ...FIXTURE_BUILD_CONTEXT, packageUrl: 'https://issuer.example/package' };
    const credential = buildRecognitionCredential(recognitionFacts(), withPackage, FIXTURE_BUILD_OPTIONS_V2.credentialStatus);
    expect(credential['@context']).toContain(CONTEXT_URLS.recognitionV1);
    expect(undefinedTermsOf(credential)).toEqual([]);
  });
});

describe('the contexts our transcripts name', () => {
  it("define every term, those of the members' achievements listed at the transcript's level included", () => {
    const status = FIXTURE_BUILD_OPTIONS_V2.credentialStatus;
    const credit = buildCredential(
      okFacts('credit'),
      { ...FIXTURE_BUILD_CONTEXT, packageUrl: 'https://issuer.example/p1' },
      FIXTURE_BUILD_OPTIONS_V2,
    );
    const recognition = buildRecognitionCredential(recognitionFacts(), FIXTURE_BUILD_CONTEXT, status);
    const transcript = buildClrCredential(
      {
        learner: recognitionFacts().learner,
        programme: {
          id: 'https://example.edu/programmes/BSc',
          name: 'BSc',
          description: 'A programme.',
          achievementType: 'BachelorDegree',
        },
        credentials: [credit, recognition],
      },
      { ...FIXTURE_BUILD_CONTEXT, packageUrl: 'https://issuer.example/p2' },
      status,
    );
    expect(transcript['@context']).toEqual([
      CONTEXT_URLS.credentialsV2,
      CONTEXT_URLS.clrV2,
      CONTEXT_URLS.openBadgesV3,
      CONTEXT_URLS.openBadgesV3Extensions,
      CONTEXT_URLS.academicCreditV1,
      CONTEXT_URLS.anchoredCredentialsV1,
      CONTEXT_URLS.recognitionV1,
    ]);
    expect(undefinedTermsOf(transcript)).toEqual([]);
  });
});
