import type { DIDResolutionResult, Resolvable } from 'did-resolver';

/**
 * What ethr-did-resolver answers for a did:ethr address with no history in the registry, on chain
 * 31337: its own key, for assertion and authentication alike.
 */
export const addressResolver: Resolvable = {
  resolve: async (did): Promise<DIDResolutionResult> => {
    const controller = `${did}#controller`;
    return {
      didResolutionMetadata: { contentType: 'application/did+ld+json' },
      didDocumentMetadata: {},
      didDocument: {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/secp256k1recovery-2020/v2'],
        id: did,
        verificationMethod: [
          {
            id: controller,
            type: 'EcdsaSecp256k1RecoveryMethod2020',
            controller: did,
            blockchainAccountId: `eip155:31337:${did.split(':').pop()}`,
          },
        ],
        authentication: [controller],
        assertionMethod: [controller],
      },
    };
  },
};
