import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { SchemaViolation } from '../common/ajv.js';
import { pinnedContext } from '../contexts/pinned-contexts.js';

/** What the `@context` of a credential or presentation says, as far as a reader with only pinned contexts can tell. */
export interface ContextReading {
  /** Inline contexts that a JSON-LD processor would refuse. */
  violations: SchemaViolation[];
  /**
   * Every term the contexts define (type-scoped ones included), when every context is known: pinned
   * here or written inline. Undefined when a context is a URL not pinned here, whose terms a
   * verifier cannot know without fetching it, which it never does.
   */
  definedTerms?: Set<string>;
  /** Whether an `@vocab` gives undefined terms an IRI anyway. */
  hasVocabulary: boolean;
}

type ContextObject = Record<string, unknown>;

const isKeyword = (term: string) => term.startsWith('@');
const isUri = fullFormats.uri as (value: string) => boolean;
const COMPACT_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/**
 * Reads a `@context` the way a JSON-LD processor would, in the two respects the data model tests
 * and a reader without a JSON-LD library can check (the contexts are all at hand, nothing is
 * fetched): a term that an earlier context protects (`@protected`, as the VCDM base contexts do) may
 * not be defined again differently, and an inline term must map to an IRI. Entries that are not
 * strings or objects are the schema's business.
 */
export function readContexts(context: unknown): ContextReading {
  const entries = Array.isArray(context) ? context : [context];
  const protectedTerms = new Map<string, string>();
  const definedTerms = new Set<string>();
  const violations: SchemaViolation[] = [];
  let allKnown = true;
  let hasVocabulary = false;
  entries.forEach((entry, i) => {
    const path = Array.isArray(context) ? `/@context/${i}` : '/@context';
    const document = typeof entry === 'string' ? pinnedContext(entry) : entry;
    if (typeof entry === 'string' && document === undefined) {
      allKnown = false;
      return;
    }
    const definitions = (typeof entry === 'string' ? (document as { '@context': ContextObject })['@context'] : entry) as ContextObject;
    if (typeof definitions !== 'object' || definitions === null) return;
    if (typeof entry === 'object')
      violations.push(...redefinitionsOf(definitions, protectedTerms, path), ...unmappedTermsOf(definitions, path));
    if ('@vocab' in definitions) hasVocabulary = definitions['@vocab'] !== null;
    for (const [term, definition] of Object.entries(definitions).filter(([term]) => !isKeyword(term))) {
      if (definitions['@protected'] === true || (definition as ContextObject | null)?.['@protected'] === true)
        protectedTerms.set(term, normalized(definition));
    }
    termsOf(definitions).forEach((term) => definedTerms.add(term));
  });
  return { violations, definedTerms: allKnown ? definedTerms : undefined, hasVocabulary };
}

/** JSON-LD refuses to define a protected term again, unless the definition is the same. */
function redefinitionsOf(definitions: ContextObject, protectedTerms: Map<string, string>, path: string): SchemaViolation[] {
  return Object.entries(definitions)
    .filter(([term, definition]) => protectedTerms.has(term) && protectedTerms.get(term) !== normalized(definition))
    .map(([term]) => ({ path: `${path}/${term}`, message: `redefines the protected term "${term}"` }));
}

/** An inline term maps to an absolute or compact IRI (or a keyword), never to text such as "https ://x". */
function unmappedTermsOf(definitions: ContextObject, path: string): SchemaViolation[] {
  return Object.entries(definitions)
    .filter(([term]) => !isKeyword(term))
    .filter(([, definition]) => {
      const iri = typeof definition === 'string' ? definition : (definition as ContextObject | null)?.['@id'];
      return typeof iri === 'string' && !isKeyword(iri) && !isUri(iri) && !COMPACT_IRI.test(iri);
    })
    .map(([term]) => ({ path: `${path}/${term}`, message: 'must map to an absolute IRI' }));
}

/** A term definition in one form: "iri" and {"@id": "iri"} are the same definition. */
function normalized(definition: unknown): string {
  return canonicalJson(typeof definition === 'string' ? { '@id': definition } : definition);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as ContextObject)[key])}`)
    .join(',')}}`;
}

/** Every term a context defines, including those of its type-scoped and property-scoped contexts. */
function termsOf(definitions: ContextObject): string[] {
  return Object.entries(definitions)
    .filter(([term]) => !isKeyword(term))
    .flatMap(([term, definition]) => {
      const scoped = (definition as ContextObject | null)?.['@context'];
      return [term, ...(typeof scoped === 'object' && scoped !== null ? termsOf(scoped as ContextObject) : [])];
    });
}
