import type { DIDDocument, VerificationMethod } from 'did-resolver';

/** The verification relationships a proof of ours can claim: an issuer's, and a holder's. */
export type ProofPurpose = 'assertionMethod' | 'authentication';

/** A method's id made absolute: DID documents may write `#key-1` for `<their id>#key-1`. */
function absolute(id: string, document: DIDDocument): string {
  return id.startsWith('#') ? `${document.id}${id}` : id;
}

function withAbsoluteIds(method: VerificationMethod, document: DIDDocument): VerificationMethod {
  return { ...method, id: absolute(method.id, document), controller: absolute(method.controller ?? document.id, document) };
}

/** Every method the document describes in full: in `verificationMethod` or embedded in a relationship. */
function describedMethods(document: DIDDocument): VerificationMethod[] {
  const relationships = ['assertionMethod', 'authentication', 'capabilityInvocation', 'capabilityDelegation', 'keyAgreement'] as const;
  return [document.verificationMethod ?? [], ...relationships.map((name) => document[name] ?? [])]
    .flat()
    .filter((entry): entry is VerificationMethod => typeof entry === 'object' && entry !== null && typeof entry.id === 'string');
}

/** The verification method with this DID URL in the document, its id and controller made absolute. */
export function findVerificationMethod(document: DIDDocument, id: string): VerificationMethod | undefined {
  const method = describedMethods(document).find((candidate) => absolute(candidate.id, document) === id);
  return method && withAbsoluteIds(method, document);
}

/** Whether the document lists the method under the relationship, by reference or embedded. */
export function authorises(document: DIDDocument, id: string, purpose: ProofPurpose): boolean {
  const entries = Array.isArray(document[purpose]) ? document[purpose] : [];
  return entries.some((entry) => absolute(typeof entry === 'string' ? entry : entry.id, document) === id);
}
