import { DomainError } from '#service-kit';

export class WalletOfferError extends DomainError {
  static notFound(): WalletOfferError {
    return new WalletOfferError('OFFER_NOT_FOUND', 'No credential offer has this code.');
  }
}
