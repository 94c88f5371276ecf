import type { DIDDocument } from 'did-resolver';
import jsigs, { type DocumentLoader, type PurposeValidation } from 'jsonld-signatures';
import { authorises, type ProofPurpose } from '../../resolvers/verification-methods.js';
import { idOf } from '../member-id.js';
import { proofFailure, ProofRefused } from '../proof-verification.js';

interface ValidateOptions {
  document: Record<string, unknown>;
  verificationMethod: { id: string; controller?: string };
  documentLoader: DocumentLoader;
}

/**
 * The signer's DID document, checked to list the method for the purpose. Done here, by our own
 * reading of the document, rather than by jsonld-signatures' controller purpose: it frames documents
 * against a context we do not pin, and says why a proof fails only in prose.
 */
async function authorisingController({ verificationMethod, documentLoader }: ValidateOptions, purpose: ProofPurpose): Promise<DIDDocument> {
  const controller = verificationMethod.controller;
  if (typeof controller !== 'string')
    throw new ProofRefused(proofFailure('VERIFICATION_METHOD_NOT_FOUND', `${verificationMethod.id} names no controller.`));
  const { document } = await documentLoader(controller);
  const did = document as DIDDocument;
  if (!authorises(did, verificationMethod.id, purpose)) {
    throw new ProofRefused(
      proofFailure('VERIFICATION_METHOD_NOT_AUTHORISED', `${controller} does not list ${verificationMethod.id} under ${purpose}.`),
    );
  }
  return did;
}

async function validated(check: () => Promise<DIDDocument>): Promise<PurposeValidation> {
  try {
    return { valid: true, controller: await check() };
  } catch (error) {
    return { valid: false, error: error as Error };
  }
}

/** A credential's proof: made with a key its issuer lists under `assertionMethod`. */
export class IssuerAssertion extends jsigs.purposes.ProofPurpose {
  constructor() {
    super({ term: 'assertionMethod' });
  }

  override validate(_proof: Record<string, unknown>, options: ValidateOptions): Promise<PurposeValidation> {
    return validated(async () => {
      const controller = await authorisingController(options, 'assertionMethod');
      const issuer = idOf(options.document.issuer);
      if (controller.id !== issuer)
        throw new ProofRefused(
          proofFailure('SIGNER_MISMATCH', `The proof is made by ${controller.id}, not by the issuer ${String(issuer)}.`),
        );
      return controller;
    });
  }
}

/**
 * A presentation's proof: made with a key its holder lists under `authentication`, over the
 * challenge and the domain the verifier asked for. With no `holder`, whoever signed is the holder.
 */
export class HolderAuthentication extends jsigs.purposes.ProofPurpose {
  constructor(private readonly expected: { challenge: string; domain?: string }) {
    super({ term: 'authentication' });
  }

  override async update(proof: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { challenge, domain } = this.expected;
    return { ...proof, proofPurpose: this.term, challenge, ...(domain === undefined ? {} : { domain }) };
  }

  override validate(proof: Record<string, unknown>, options: ValidateOptions): Promise<PurposeValidation> {
    return validated(async () => {
      const { challenge, domain } = this.expected;
      if (proof.challenge !== challenge)
        throw new ProofRefused(
          proofFailure('CHALLENGE_MISMATCH', `The proof signs the challenge ${JSON.stringify(proof.challenge)}, not the one asked for.`),
        );
      if (domain !== undefined && ![proof.domain].flat().includes(domain)) {
        throw new ProofRefused(
          proofFailure('DOMAIN_MISMATCH', `The proof signs the domain ${JSON.stringify(proof.domain)}, not ${domain}.`),
        );
      }
      const controller = await authorisingController(options, 'authentication');
      const holder = idOf(options.document.holder);
      if (holder !== undefined && controller.id !== holder)
        throw new ProofRefused(proofFailure('SIGNER_MISMATCH', `The proof is made by ${controller.id}, not by the holder ${holder}.`));
      return controller;
    });
  }
}
