import { DomainError } from '#service-kit';

/** A document the Data Integrity signer cannot sign as it is; `details.reason` says why. */
export class ProofSigningError extends DomainError {
  constructor(message: string, details: { reason: string }) {
    super('CREDENTIAL_NOT_SIGNABLE', `The document cannot be signed as Data Integrity. ${message}`, details);
  }
}
