import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { SchemaViolation } from './ajv.js';

/** The versions of the W3C Verifiable Credentials Data Model, told apart by the first `@context`. */
export type DataModel = '1.1' | '2.0';

/** A credential's data model by its first context (VCDM 1.1 and 2.0 both require it first); undefined for neither. */
export function dataModelOf(document: unknown): DataModel | undefined {
  const context = typeof document === 'object' && document !== null ? (document as Record<string, unknown>)['@context'] : undefined;
  const first = Array.isArray(context) ? context[0] : context;
  if (first === CONTEXT_URLS.credentialsV1) return '1.1';
  if (first === CONTEXT_URLS.credentialsV2) return '2.0';
  return undefined;
}

/** What a document of neither data model is told: that it is no credential, or that its first context is wrong. */
export function unknownDataModel(document: unknown): SchemaViolation {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return { path: '/', message: 'must be object' };
  if (!('@context' in document)) return { path: '/@context', message: 'is required' };
  return { path: '/@context/0', message: `must be ${CONTEXT_URLS.credentialsV2} (VCDM 2.0) or ${CONTEXT_URLS.credentialsV1} (VCDM 1.1)` };
}
