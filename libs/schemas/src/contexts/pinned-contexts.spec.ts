import { FIXTURE_BUILD_CONTEXT, fixtureNames, okFacts } from '../../test/fixtures.js';
import { buildCredential } from '../build-credential.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CONTEXT_URLS } from './context-urls.js';
import { academicCreditContext, pinnedContext } from './pinned-contexts.js';

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
    expect(copiedFiles()).toHaveLength(12);
    for (const [file, sha256] of copiedFiles()) {
      expect([file, createHash('sha256').update(readFileSync(new URL(`./${file}`, import.meta.url))).digest('hex')]).toEqual([file, sha256]);
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
  return Object.entries(context).flatMap(([term, definition]) => [term, ...termsOf((definition as { '@context'?: unknown })?.['@context'])]);
}

/** Every property name and every `type` value in a JSON document. */
function termsUsedIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(termsUsedIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [key, ...(key === 'type' ? [child].flat() : []), ...termsUsedIn(child)]);
}

describe('the contexts our credentials name', () => {
  // Known gaps, each a decision outside this test: 1EdTechJsonSchemaValidator2019 is defined only by
  // https://purl.imsglobal.org/spec/ob/v3p0/extensions.json, which the @context we issue does not
  // list; the refreshService type of anchored packages has no published context yet. VC-JWTs do
  // not need them; a JSON-LD (Data Integrity) proof would.
  const undefinedOnPurpose = ['1EdTechJsonSchemaValidator2019', 'AnchoredCredentialPackage2026'];

  it.each(fixtureNames('ok/facts'))('define every term of the credential built from ok/facts/%s', (name) => {
    const credential = buildCredential(okFacts(name), { ...FIXTURE_BUILD_CONTEXT, packageUrl: 'https://issuer.example/package' });
    const defined = new Set(credential['@context'].flatMap((url) => termsOf((pinnedContext(url) as { '@context': unknown })['@context'])));
    const used = termsUsedIn({ ...credential, '@context': undefined }).filter((term) => term !== '@context');
    expect(used.filter((term) => !defined.has(term) && !undefinedOnPurpose.includes(term))).toEqual([]);
  });
});
