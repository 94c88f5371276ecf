import { DomainError } from '#service-kit';

export class VerifierClientError extends DomainError {
  static notConfigured(): VerifierClientError {
    return new VerifierClientError(
      'VERIFICATION_LINKS_NOT_CONFIGURED',
      'This issuer has no verifier to make links with: set VERIFIER_URL.',
    );
  }

  static linkRefused(message: string): VerifierClientError {
    return new VerifierClientError('VERIFICATION_LINK_REFUSED', `The verifier refused to make a link: ${message}`);
  }

  static unavailable(reason: string): VerifierClientError {
    return new VerifierClientError('VERIFIER_UNAVAILABLE', `The verifier could not be reached (${reason}); try again later.`);
  }
}
