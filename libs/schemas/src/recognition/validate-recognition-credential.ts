import { compileSchema2019, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { onFirstUse } from '../common/on-first-use.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { validateCredential } from '../validate-credential.js';
import { RECOGNITION_SCHEMA } from './recognition.schema.js';

const recognitionValidator = onFirstUse(() => compileSchema2019(RECOGNITION_SCHEMA));

interface RecognitionShape {
  credentialSubject: { recognition: { cardinality: string; recognitionSource: { id: string }[] } };
  evidence: { id: string }[];
  relatedResource: { id: string }[];
}

/** Whether a credential claims to be a recognition: it names our recognition context. */
export function isRecognitionCredential(credential: unknown): boolean {
  const context = (credential as { '@context'?: unknown } | null)?.['@context'];
  return Array.isArray(context) && context.includes(CONTEXT_URLS.recognitionV1);
}

/**
 * A recognition credential, unsigned or signed: a credit credential of ours (1EdTech's Open Badges
 * schema, the academic-credit extension, the credit kind's constraints), the published recognition
 * extension schema, and what schemas cannot say: each source is cited once as a recognition source,
 * once as evidence and once as a related resource, with the same ids; 1:1 and 1:n recognitions rest
 * on one source. [] means valid.
 */
export function validateRecognitionCredential(credential: unknown): SchemaViolation[] {
  const violations = [...validateCredential('credit', credential), ...violationsOf(recognitionValidator(), credential)];
  if (violations.length > 0) return violations;
  const { credentialSubject, evidence, relatedResource } = credential as RecognitionShape;
  const { cardinality, recognitionSource } = credentialSubject.recognition;
  const sources = recognitionSource.map((source) => source.id);
  return [
    ...sameIds('/evidence', evidence, sources),
    ...sameIds('/relatedResource', relatedResource, sources),
    ...(new Set(sources).size !== sources.length
      ? [{ path: '/credentialSubject/recognition/recognitionSource', message: 'must cite each source once' }]
      : []),
    ...(cardinality !== 'n:1' && sources.length !== 1
      ? [
          {
            path: '/credentialSubject/recognition/recognitionSource',
            message: `must hold exactly one source for a ${cardinality} recognition`,
          },
        ]
      : []),
  ];
}

function sameIds(path: string, entries: { id: string }[], sources: string[]): SchemaViolation[] {
  const ids = entries.map((entry) => entry.id);
  const same = ids.length === sources.length && sources.every((id) => ids.includes(id));
  return same ? [] : [{ path, message: `must cite exactly the recognition's sources: ${sources.join(', ')}` }];
}
