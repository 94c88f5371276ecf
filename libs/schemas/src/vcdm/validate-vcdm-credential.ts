import type { ValidateFunction } from 'ajv';
import { compileSchema, distinctViolations, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { type DataModel, dataModelOf, unknownDataModel } from '../common/data-model.js';
import { dateOrderViolations } from '../common/date-order.js';
import { entriesOf } from '../common/entries-of.js';
import { type ContextReading, readContexts } from './json-ld-contexts.js';
import { VCDM_CREDENTIAL_SCHEMAS } from './vcdm.schema.js';

/**
 * What to expect of `proof`: `forbidden` for a credential sent to be signed (the issuer adds the
 * proof), `required` for one that must carry an embedded proof (Data Integrity), `optional` for one
 * whose proof may be elsewhere (a VC-JWT, an envelope). A proof that is there must say its type.
 */
export type ProofExpectation = 'forbidden' | 'optional' | 'required';

export interface VcdmValidationOptions {
  proof?: ProofExpectation;
}

const credentialValidators: Record<DataModel, ValidateFunction> = {
  '1.1': compileSchema(VCDM_CREDENTIAL_SCHEMAS['1.1']),
  '2.0': compileSchema(VCDM_CREDENTIAL_SCHEMAS['2.0']),
};

/**
 * Proof types of zero-knowledge credentials in VCDM 1.1's examples. Such a credential MUST name its
 * credentialSchema (VCDM 1.1 §5.8), and only its proof says that it is one.
 */
const ZERO_KNOWLEDGE_PROOF_TYPE = /(?:^|:)(?:CLSignature2019|AnonCredDerivedCredentialv1)$/;

/**
 * Where the data model requires a type, besides the credential's own. Not the proof's: a verifier
 * reads the proofs it knows and passes over the others (1EdTech's simple-multiple-proofs example has
 * one of an undefined type), and the signature check is what judges them.
 */
const TYPED_MEMBERS = ['credentialSubject', 'credentialStatus', 'credentialSchema', 'evidence', 'refreshService', 'termsOfUse'];

type Document = Record<string, unknown>;

/**
 * Any credential against the W3C Verifiable Credentials Data Model of its version, VCDM 1.1 or 2.0
 * (told by its first context), whatever its kind: contexts (and the inline ones a JSON-LD processor
 * would refuse), types, id and issuer as URLs, subjects that make claims, dates (1.1: an
 * RFC 3339 issuanceDate; 2.0: XML Schema dateTimeStamps, validUntil not before validFrom), the
 * typed members (status, schema, evidence, refresh service, terms of use, proof), 2.0 names and
 * descriptions as strings or language values, related resources; the proof as `options.proof`
 * expects (`optional` by default). [] means valid.
 */
export function validateVcdmCredential(credential: unknown, options: VcdmValidationOptions = {}): SchemaViolation[] {
  const model = dataModelOf(credential);
  if (!model) return [unknownDataModel(credential)];
  const document = credential as Document;
  const contexts = readContexts(document['@context']);
  return distinctViolations([
    ...violationsOf(credentialValidators[model], credential),
    ...contexts.violations,
    ...proofViolations(document, options.proof ?? 'optional'),
    ...(model === '2.0' ? versionTwoViolations(document, contexts) : zeroKnowledgeViolations(document)),
  ]);
}

/** What VCDM 2.0 adds: the order of the validity period, related resources, and types its contexts define. */
function versionTwoViolations(document: Document, contexts: ContextReading): SchemaViolation[] {
  return [
    ...validityPeriodViolations(document),
    ...relatedResourceViolations(document),
    ...undefinedTypeViolations(document, contexts, ['', ...TYPED_MEMBERS]),
  ];
}

export function proofViolations(document: Document, expectation: ProofExpectation): SchemaViolation[] {
  if (expectation === 'forbidden' && 'proof' in document)
    return [{ path: '/proof', message: 'is not allowed in what is sent to be signed: the issuer adds the proof' }];
  if (expectation === 'required' && !('proof' in document)) return [{ path: '/proof', message: 'is required' }];
  return [];
}

function validityPeriodViolations({ validFrom, validUntil }: Document): SchemaViolation[] {
  return dateOrderViolations({ name: 'validFrom', value: validFrom }, { path: '/validUntil', value: validUntil }, 'not-earlier');
}

/** Each related resource once (VCDM 2.0 §5.3); digests cannot be checked without fetching, which a verifier never does. */
function relatedResourceViolations({ relatedResource }: Document): SchemaViolation[] {
  if (!Array.isArray(relatedResource)) return [];
  const ids = relatedResource.map((resource) => (resource as Document | null)?.id);
  return ids.flatMap((id, i) =>
    id !== undefined && ids.indexOf(id) < i
      ? [{ path: `/relatedResource/${i}/id`, message: 'must be unique among the related resources' }]
      : [],
  );
}

/**
 * A type is a term some context defines, or a URL (VCDM 2.0 §4.5). Only checkable when every context
 * is at hand and no `@vocab` turns unknown terms into IRIs.
 */
export function undefinedTypeViolations(document: Document, contexts: ContextReading, members: string[]): SchemaViolation[] {
  const { definedTerms, hasVocabulary } = contexts;
  if (!definedTerms || hasVocabulary) return [];
  return members.flatMap((member) => {
    const holders = member === '' ? [['', document]] : entriesOf(document[member], `/${member}`);
    return holders.flatMap(([path, holder]) => {
      const type = (holder as Document | null)?.type;
      const types: [string, unknown][] = Array.isArray(type)
        ? type.map((value, i) => [`${path}/type/${i}`, value])
        : [[`${path}/type`, type]];
      return types
        .filter(([, value]) => typeof value === 'string' && !value.includes(':') && !definedTerms.has(value))
        .map(([where]) => ({ path: where, message: 'is not defined by any @context' }));
    });
  });
}

function zeroKnowledgeViolations(document: Document): SchemaViolation[] {
  const zeroKnowledge = entriesOf(document.proof, '/proof').some(([, proof]) =>
    ZERO_KNOWLEDGE_PROOF_TYPE.test(String((proof as Document | null)?.type)),
  );
  return zeroKnowledge && !('credentialSchema' in document)
    ? [{ path: '/credentialSchema', message: 'is required for a zero-knowledge proof' }]
    : [];
}
