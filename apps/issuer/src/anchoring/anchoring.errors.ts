import { DomainError } from '#service-kit';

export class AnchoringError extends DomainError {
  static notAnchoredYet(): AnchoringError {
    return new AnchoringError(
      'CREDENTIAL_NOT_ANCHORED_YET',
      'The credential is issued but its batch is not anchored with enough confirmations yet; ask again shortly.',
    );
  }

  static chainUnavailable(): AnchoringError {
    return new AnchoringError(
      'CHAIN_UNAVAILABLE',
      "The chain could not be reached to check that the receipt's block is still there; try again later.",
    );
  }
}
