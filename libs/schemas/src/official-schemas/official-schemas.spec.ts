import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

const file = (name: string) => new URL(`./${name}`, import.meta.url);
const readSchema = (name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as Record<string, unknown>;

/** The copied files and their sha256, as SOURCES.md lists them. */
function copiedFiles(): [string, string][] {
  const sources = readFileSync(file('SOURCES.md'), 'utf8');
  return [...sources.matchAll(/^\| `([^`]+\.json)` \|.*\| ([0-9a-f]{64}) \|$/gm)].map((match) => [match[1], match[2]]);
}

/** Every value of a keyword anywhere in a schema, skipping the names under `properties` and `$defs`. */
function keywordsOf(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(keywordsOf);
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([keyword, value]) =>
    ['properties', '$defs'].includes(keyword) ? Object.values(value as object).flatMap(keywordsOf) : [keyword, ...keywordsOf(value)],
  );
}

/** Every object in a schema that has a `$ref`. */
function refObjectsOf(schema: unknown): Record<string, unknown>[] {
  if (Array.isArray(schema)) return schema.flatMap(refObjectsOf);
  if (typeof schema !== 'object' || schema === null) return [];
  const own = '$ref' in schema ? [schema as Record<string, unknown>] : [];
  return [...own, ...Object.values(schema).flatMap(refObjectsOf)];
}

describe("1EdTech's published JSON Schemas", () => {
  const files = readdirSync(new URL('./', import.meta.url)).filter((name) => name.endsWith('.json'));

  it('keeps every copied schema byte for byte as SOURCES.md records it, and copies no other', () => {
    expect(
      copiedFiles()
        .map(([name]) => name)
        .sort(),
    ).toEqual(files.sort());
    for (const [name, sha256] of copiedFiles()) {
      expect([
        name,
        createHash('sha256')
          .update(readFileSync(file(name)))
          .digest('hex'),
      ]).toEqual([name, sha256]);
    }
  });

  it.each(files)('%s resolves every $ref inside itself, so compiling it fetches nothing', (name) => {
    const schema = readSchema(name);
    const refs = refObjectsOf(schema).map((object) => object.$ref as string);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/\$defs\/[A-Za-z]+$/);
      expect((schema.$defs as Record<string, unknown>)[ref.slice('#/$defs/'.length)]).toBeDefined();
    }
  });

  it.each(files)('%s is published under purl.imsglobal.org', (name) => {
    expect(readSchema(name).$id).toBe(
      `https://purl.imsglobal.org/spec/${name.startsWith('ob_') ? 'ob/v3p0' : 'clr/v2p0'}/schema/json/${name.replace('_draft4', '')}`,
    );
  });

  it.each(files.filter((name) => !name.endsWith('_draft4.json')))('%s is draft 2019-09', (name) => {
    expect(readSchema(name).$schema).toBe('https://json-schema.org/draft/2019-09/schema#');
  });

  it('the draft-04 transcript schema uses only keywords that mean the same in draft-07', () => {
    const schema = readSchema('clr_v2p0_clrcredential_schema_draft4.json');
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    // No `id` (draft-04's $id), no boolean exclusiveMinimum/Maximum, no `dependencies` or `$ref` siblings.
    const sameInBothDrafts = [
      '$schema',
      '$id',
      '$ref',
      '$comment',
      'title',
      'description',
      'type',
      'properties',
      'required',
      'additionalProperties',
      'items',
      'minItems',
      'enum',
      'pattern',
      'format',
      'anyOf',
      'oneOf',
      '$defs',
    ];
    expect([...new Set(keywordsOf(schema))].filter((keyword) => !sameInBothDrafts.includes(keyword))).toEqual([]);
    expect(refObjectsOf(schema).filter((object) => Object.keys(object).length > 1)).toEqual([]);
  });

  it('compiles each, where ajv has no loader to fetch with: a $ref outside its file would throw', async () => {
    const { officialSchemas, clrCredentialV1Schema } = await import('./official-schemas.js');
    expect(Object.values({ ...officialSchemas, clrCredentialV1Schema }).every((compiled) => typeof compiled() === 'function')).toBe(true);
  });
});
