import jsigs, { type DocumentLoader } from 'jsonld-signatures';
import type { SigningKey } from '../../keys/signing-key.js';
import { refusalIn } from '../proof-verification.js';
import { ProofSigningError } from '../proof-signing.errors.js';
import { signingSuite } from './data-integrity-suites.js';
import { HolderAuthentication, IssuerAssertion } from './proof-purposes.js';

export interface DataIntegritySigningOptions {
  documentLoader: DocumentLoader;
  /** The proof's `created`; now by default. */
  created?: Date;
}

/** JSON-LD refuses what it cannot canonicalise without loss (a term no pinned context defines): the document's fault. */
function isJsonLdRefusal(error: unknown): boolean {
  return typeof (error as { name?: unknown })?.name === 'string' && (error as Error).name.startsWith('jsonld.');
}

async function sign<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const refusal = refusalIn(error);
    if (refusal) throw new ProofSigningError(`A document it names cannot be loaded: ${refusal.message}`, { reason: refusal.outcome.code });
    if (isJsonLdRefusal(error))
      throw new ProofSigningError(`JSON-LD cannot canonicalise it: ${(error as Error).message}`, { reason: 'JSON_LD_REFUSED' });
    throw error;
  }
}

/**
 * Signs a credential with a Data Integrity proof (`eddsa-rdfc-2022` with an Ed25519 key,
 * `ecdsa-rdfc-2019` with a P-256 one), purpose `assertionMethod`. The credential is taken as it is:
 * its data model is the caller's to check. Throws `ProofSigningError` when JSON-LD cannot sign it (a
 * context not pinned, a term no context defines), `InvalidSigningKey` for a key that cannot sign.
 */
export async function signDataIntegrityCredential<T extends object>(
  credential: T,
  key: SigningKey,
  options: DataIntegritySigningOptions,
): Promise<T & { proof: Record<string, unknown> }> {
  const suite = signingSuite(key, options.created);
  return sign(() =>
    jsigs.sign(structuredClone(credential), { suite, purpose: new IssuerAssertion(), documentLoader: options.documentLoader }),
  );
}

/** Signs a presentation for a verifier's `challenge` (and `domain`), purpose `authentication`; as `signDataIntegrityCredential` otherwise. */
export async function signDataIntegrityPresentation<T extends object>(
  presentation: T,
  key: SigningKey,
  options: DataIntegritySigningOptions & { challenge: string; domain?: string },
): Promise<T & { proof: Record<string, unknown> }> {
  const suite = signingSuite(key, options.created);
  const purpose = new HolderAuthentication({ challenge: options.challenge, domain: options.domain });
  return sign(() => jsigs.sign(structuredClone(presentation), { suite, purpose, documentLoader: options.documentLoader }));
}
