import { parse } from 'did-resolver';
import { isJsonObject, type JsonObject } from '#schemas';
import jsigs, { type DocumentLoader, type ProofPurpose } from 'jsonld-signatures';
import { type ProofFailure, proofError, proofFailure, type ProofVerification, refusalIn } from '../proof-verification.js';
import { isVerifiedProofType, VERIFYING_SUITES } from './data-integrity-suites.js';
import { HolderAuthentication, IssuerAssertion } from './proof-purposes.js';

/** What can be refused from the proof alone, before any key or context is loaded. */
function refusedProof(proof: JsonObject, purpose: string): ProofFailure | undefined {
  if (proof.proofPurpose !== purpose)
    return proofFailure('PROOF_MALFORMED', `The proof's purpose is ${JSON.stringify(proof.proofPurpose)}, not ${purpose}.`);
  const method = proof.verificationMethod;
  const parsed = typeof method === 'string' ? parse(method) : null;
  if (!parsed || parsed.fragment === undefined) {
    return proofFailure(
      'VERIFICATION_METHOD_NOT_DID',
      `The verification method ${JSON.stringify(method)} is not a DID URL naming a key; only DIDs are resolved, nothing is fetched.`,
    );
  }
  return undefined;
}

async function verifyOne(
  document: JsonObject,
  proof: JsonObject,
  purpose: ProofPurpose,
  documentLoader: DocumentLoader,
): Promise<ProofVerification> {
  const refused = refusedProof(proof, purpose.term);
  if (refused) return refused;
  let result: Awaited<ReturnType<typeof jsigs.verify>>;
  try {
    result = await jsigs.verify({ ...document, proof }, { suite: VERIFYING_SUITES, purpose, documentLoader });
  } catch (error) {
    return proofError('PROOF_CHECK_FAILED', `The proof could not be checked: ${(error as Error).message}`);
  }
  const signer = result.results?.[0]?.purposeResult?.controller?.id;
  if (result.verified && signer !== undefined) return { status: 'valid', verificationMethod: proof.verificationMethod as string, signer };
  const cause = result.results?.find((entry) => !entry.verified)?.error ?? result.error;
  const refusal = refusalIn(cause);
  if (refusal) return refusal.outcome;
  if ((cause as Error | undefined)?.name?.startsWith('jsonld.'))
    return proofFailure('PROOF_MALFORMED', `JSON-LD cannot canonicalise the document: ${(cause as Error).message}`);
  return proofFailure(
    'SIGNATURE_INVALID',
    `The proof does not verify against ${String(proof.verificationMethod)}: ${(cause as Error | undefined)?.message ?? 'no reason given'}`,
  );
}

/**
 * Verifies every Data Integrity proof of the document we verify (`eddsa-rdfc-2022`,
 * `ecdsa-rdfc-2019`, `Ed25519Signature2020`); all must hold. Other proofs are left aside; a document
 * with none of ours is `PROOF_MISSING` or `PROOF_TYPE_UNSUPPORTED`.
 */
async function verifyProofs(document: unknown, purpose: () => ProofPurpose, documentLoader: DocumentLoader): Promise<ProofVerification> {
  if (!isJsonObject(document)) return proofFailure('PROOF_MALFORMED', 'The document is not a JSON object.');
  const { proof, ...unsigned } = document;
  const proofs = [proof ?? []].flat();
  if (proofs.length === 0) return proofFailure('PROOF_MISSING', 'The document has no proof.');
  if (!proofs.every(isJsonObject)) return proofFailure('PROOF_MALFORMED', 'A proof is not a JSON object.');
  const ours = proofs.filter(isVerifiedProofType);
  if (ours.length === 0) {
    const kinds = proofs.map((entry) => [entry.type, entry.cryptosuite].filter((part) => part !== undefined).join(' '));
    return proofFailure(
      'PROOF_TYPE_UNSUPPORTED',
      `No proof of a type verified here (${kinds.join(', ')}); DataIntegrityProof eddsa-rdfc-2022 or ecdsa-rdfc-2019, or Ed25519Signature2020.`,
    );
  }
  let outcome: ProofVerification | undefined;
  for (const entry of ours) {
    outcome = await verifyOne(unsigned, entry, purpose(), documentLoader);
    if (outcome.status !== 'valid') return outcome;
  }
  return outcome!;
}

/**
 * Verifies a credential's Data Integrity proof alone: the signature over the canonical document, by a
 * key the issuer's DID lists under `assertionMethod`. Validity dates, status and schema are other
 * checks'. Never throws: a bad document is `invalid` with a code, a DID that could not be resolved
 * now is `error`.
 */
export function verifyDataIntegrityCredential(
  credential: unknown,
  options: { documentLoader: DocumentLoader },
): Promise<ProofVerification> {
  return verifyProofs(credential, () => new IssuerAssertion(), options.documentLoader);
}

/**
 * Verifies a presentation's Data Integrity proof alone: by a key its holder lists under
 * `authentication`, over the challenge (and domain) asked for. The credentials it carries are the
 * caller's to verify, each with `verifyDataIntegrityCredential`.
 */
export function verifyDataIntegrityPresentation(
  presentation: unknown,
  options: { documentLoader: DocumentLoader; challenge: string; domain?: string },
): Promise<ProofVerification> {
  const { documentLoader, challenge, domain } = options;
  return verifyProofs(presentation, () => new HolderAuthentication({ challenge, domain }), documentLoader);
}
