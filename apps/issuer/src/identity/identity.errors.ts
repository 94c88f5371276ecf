import { DomainError } from '#service-kit';

export class IdentityError extends DomainError {
  static keyDecryptionFailed(): IdentityError {
    return new IdentityError(
      'KEY_DECRYPTION_FAILED',
      'A stored signing key could not be decrypted: KEY_ENCRYPTION_SECRET is not the secret these keys were encrypted with.',
    );
  }

  static issuerKeyMissing(did: string): IdentityError {
    return new IdentityError('ISSUER_KEY_MISSING', `No signing key is stored for ${did}.`);
  }
}
