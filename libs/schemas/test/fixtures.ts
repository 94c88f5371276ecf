// Reading the JSON fixtures under ./fixtures (see its README.md for the formats).
import { readdirSync, readFileSync } from 'node:fs';
import {
  type BuildContext,
  type BuildOptionsV2,
  type CredentialFacts,
  messageStatusListEntry,
  type SchemaViolation,
} from '../src/index.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** The names (without .json) of the fixtures in a folder such as "ok/facts". */
export function fixtureNames(folder: string): string[] {
  return readdirSync(new URL(`${folder}/`, FIXTURES))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

export function readFixture<T>(folder: string, name: string): T {
  return JSON.parse(readFileSync(new URL(`${folder}/${name}.json`, FIXTURES), 'utf8')) as T;
}

export const okFacts = (name: string) => readFixture<CredentialFacts>('ok/facts', name);

/** The build context of every credential fixture, so that built credentials are reproducible. */
export const FIXTURE_BUILD_CONTEXT: BuildContext = {
  id: 'urn:uuid:2f5c7c1e-8d7a-4b8e-9a51-6f0d1d0b9a11',
  issuer: {
    id: 'did:ethr:0x7a69:0x02aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899',
    name: 'Example University',
    url: 'https://example.edu',
    image: 'https://example.edu/logo.png',
  },
  issuanceDate: '2026-07-01T12:00:00Z',
  salt: '00112233445566778899aabbccddeeff',
};

/** How every VCDM 2.0 credential fixture is built: with one entry in a 2-bit message status list. */
export const FIXTURE_BUILD_OPTIONS_V2: BuildOptionsV2 = {
  dataModel: '2.0',
  credentialStatus: messageStatusListEntry('https://example.edu/v1/status-lists/6c1f0b3e-2f6a-4f0e-9d2b-1c3e5a7b9d0f', 4211),
};

/** A not-ok case: a document (given, or an ok fixture changed by `patch`) and the violations it must produce. */
export interface NotOkCase {
  why: string;
  /** Where a copied document comes from. */
  source?: string;
  /** Violations that must all be reported; a message, when given, must appear in the reported one. */
  violations: { path: string; message?: string }[];
  /** When true, nothing but these violations may be reported: the document fails for that reason alone. */
  only?: boolean;
  /** The document itself, when it is not an ok fixture changed by `patch`. */
  body?: unknown;
  /** The ok fixture to start from. */
  base?: string;
  patch?: PatchOperation[];
}

export type PatchOperation = { op: 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

/** RFC 6902 add/replace/remove on a copy, enough to break a valid document in one place. */
export function applyPatch<T>(document: T, operations: PatchOperation[] = []): T {
  const copy = structuredClone(document);
  for (const operation of operations) {
    const tokens = operation.path
      .split('/')
      .slice(1)
      .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = tokens.pop();
    if (last === undefined) throw new Error(`cannot patch the whole document: ${operation.path}`);
    const parent = tokens.reduce<Record<string, unknown>>(
      (node, token) => node[token] as Record<string, unknown>,
      copy as Record<string, unknown>,
    );
    if (operation.op === 'remove') {
      if (!(last in parent)) throw new Error(`nothing to remove at ${operation.path}`);
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (Array.isArray(parent) && operation.op === 'add') {
      parent.splice(last === '-' ? parent.length : Number(last), 0, operation.value);
    } else {
      parent[last] = operation.value;
    }
  }
  return copy;
}

/** Asserts that every expected violation was reported and, with `only`, that nothing else was. */
export function expectViolations(reported: SchemaViolation[], expected: NotOkCase['violations'], only = false): void {
  expect(reported.length).toBeGreaterThan(0);
  for (const { path, message } of expected) {
    expect(reported).toContainEqual({ path, message: message === undefined ? expect.any(String) : expect.stringContaining(message) });
  }
  if (only) expect(reported).toHaveLength(expected.length);
}
