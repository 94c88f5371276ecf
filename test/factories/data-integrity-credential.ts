/**
 * A VCDM 2.0 credential with a Data Integrity proof, as `ldp_vc` credentials will be signed: what
 * anchoring hashes by its RFC 8785 form. Its proof value is not a real signature, and nothing here
 * verifies it. A fresh object each call.
 */
export function dataIntegrityCredential(): {
  [member: string]: unknown;
  credentialSubject: Record<string, unknown>;
  proof: Record<string, unknown>;
} {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: 'did:web:issuer.example',
    credentialSubject: { id: 'did:example:learner', name: 'Ada € Lovelace', credits: 7.5 },
    proof: {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk',
    },
  };
}
