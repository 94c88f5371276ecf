import { AbstractSecretBox } from '@veramo/key-manager';
import { SecretBox } from '@veramo/kms-local';
import { IdentityError } from './identity.errors.js';

/**
 * Veramo's SecretBox (NaCl secretbox, authenticated) answers an empty string when a key was
 * encrypted under another secret. An empty key must never reach the signer, so a failed
 * authentication becomes an error here.
 */
export class StrictSecretBox extends AbstractSecretBox {
  private readonly box: SecretBox;

  constructor(secretHex: string) {
    super();
    this.box = new SecretBox(secretHex);
  }

  encrypt(message: string): Promise<string> {
    return this.box.encrypt(message);
  }

  async decrypt(encryptedMessageHex: string): Promise<string> {
    const plain = await this.box.decrypt(encryptedMessageHex);
    if (plain === '') throw IdentityError.keyDecryptionFailed();
    return plain;
  }
}
