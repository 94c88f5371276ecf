import { listOf, objectOf } from '#schemas';
import type { DIDDocument, Resolvable } from 'did-resolver';

/**
 * Whether two DIDs are one issuer: the same DID, or each naming the other in its own DID document,
 * as `alsoKnownAs` (a did:web's) or as an `AlsoKnownAs` service (what a did:ethr's ERC-1056 attribute
 * `did/svc/AlsoKnownAs` resolves to). One side naming the other proves nothing; both sides, each
 * controlled by its own key, do.
 */
export class DidLinks {
  constructor(private readonly resolver: Resolvable) {}

  /** True or false; undefined when a document could not be read right now (a chain or server down). */
  async sameIssuer(a: string, b: string): Promise<boolean | undefined> {
    if (a === b) return true;
    let documents: (DIDDocument | null)[];
    try {
      documents = await Promise.all([a, b].map(async (did) => (await this.resolver.resolve(did)).didDocument));
    } catch {
      return undefined;
    }
    const [documentOfA, documentOfB] = documents;
    return !!documentOfA && !!documentOfB && names(documentOfA, b) && names(documentOfB, a);
  }
}

function names(document: DIDDocument, did: string): boolean {
  if (listOf(document.alsoKnownAs).includes(did)) return true;
  return listOf(document.service).some((service) => {
    const { type, serviceEndpoint } = objectOf(service);
    return listOf(type).includes('AlsoKnownAs') && listOf(serviceEndpoint).includes(did);
  });
}
