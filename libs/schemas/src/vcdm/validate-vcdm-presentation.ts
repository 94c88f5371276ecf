import type { ValidateFunction } from 'ajv';
import { compileSchema, distinctViolations, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { type DataModel, dataModelOf, unknownDataModel } from '../common/data-model.js';
import { entriesOf } from '../common/entries-of.js';
import { readContexts } from './json-ld-contexts.js';
import {
  proofViolations,
  undefinedTypeViolations,
  validateVcdmCredential,
  type VcdmValidationOptions,
} from './validate-vcdm-credential.js';
import { ENVELOPED_CREDENTIAL_SCHEMA, VCDM_PRESENTATION_SCHEMAS } from './vcdm.schema.js';

const presentationValidators: Record<DataModel, ValidateFunction> = {
  '1.1': compileSchema(VCDM_PRESENTATION_SCHEMAS['1.1']),
  '2.0': compileSchema(VCDM_PRESENTATION_SCHEMAS['2.0']),
};
const validateEnvelope = compileSchema(ENVELOPED_CREDENTIAL_SCHEMA);

type Document = Record<string, unknown>;

/**
 * Any presentation against the W3C Verifiable Credentials Data Model of its version (told by its
 * first context): contexts, a VerifiablePresentation type, id and holder as URLs, the proof as
 * `options.proof` expects; then each credential it carries, reported under its place: an
 * EnvelopedVerifiableCredential (VCDM 2.0) as an envelope, any other object as a credential of its
 * own version (its proof, if any, must say its type), and in VCDM 1.1 a VC-JWT string as such
 * (its contents are the JWT's to vouch for). [] means valid.
 */
export function validateVcdmPresentation(presentation: unknown, options: VcdmValidationOptions = {}): SchemaViolation[] {
  const model = dataModelOf(presentation);
  if (!model) return [unknownDataModel(presentation)];
  const document = presentation as Document;
  const contexts = readContexts(document['@context']);
  return distinctViolations([
    ...violationsOf(presentationValidators[model], presentation),
    ...contexts.violations,
    ...proofViolations(document, options.proof ?? 'optional'),
    ...(model === '2.0' ? undefinedTypeViolations(document, contexts, ['']) : []),
    ...entriesOf(document.verifiableCredential, '/verifiableCredential').flatMap(([path, credential]) =>
      carriedCredentialViolations(path, credential),
    ),
  ]);
}

function carriedCredentialViolations(path: string, credential: unknown): SchemaViolation[] {
  if (typeof credential !== 'object' || credential === null) return [];
  const violations = isEnvelope(credential as Document) ? violationsOf(validateEnvelope, credential) : validateVcdmCredential(credential);
  return violations.map((violation) => ({ path: `${path}${violation.path === '/' ? '' : violation.path}`, message: violation.message }));
}

/** An envelope says so in its type; one that forgot still carries its credential in a data: URL, and no claims of its own. */
function isEnvelope(credential: Document): boolean {
  const types = ([] as unknown[]).concat(credential.type ?? []);
  const carried = typeof credential.id === 'string' && credential.id.startsWith('data:') && !('credentialSubject' in credential);
  return types.includes('EnvelopedVerifiableCredential') || carried;
}
