import { DomainError } from '#service-kit';

export class LinkError extends DomainError {
  static notFound(code: string): LinkError {
    return new LinkError('LINK_NOT_FOUND', `There is no verification link ${code} on this verifier.`);
  }

  static credentialNotVerified(reason: string): LinkError {
    return new LinkError('LINK_CREDENTIAL_NOT_VERIFIED', `A link is made only for a credential whose signature verifies: ${reason}`);
  }

  static credentialTooLarge(maxBytes: number): LinkError {
    return new LinkError('LINK_CREDENTIAL_TOO_LARGE', `A link is made only for a credential of at most ${maxBytes} bytes signed.`);
  }

  static issuerNotTrusted(issuer: string): LinkError {
    return new LinkError(
      'LINK_ISSUER_NOT_TRUSTED',
      `A link is made only for credentials of institutions this verifier trusts; ${issuer} is not one.`,
    );
  }
}
