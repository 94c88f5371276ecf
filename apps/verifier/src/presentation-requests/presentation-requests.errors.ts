import { DomainError } from '#service-kit';
import type { CheckResult, PresentationCheckName } from '#verification';

/** A presentation of a refused answer: which query it answered (OpenID4VP), where it was, and its own checks. */
export interface RefusedPresentation {
  queryId?: string;
  index: number;
  checks: CheckResult<PresentationCheckName>[];
}

export class PresentationRequestError extends DomainError {
  static notFound(): PresentationRequestError {
    return new PresentationRequestError('PRESENTATION_REQUEST_NOT_FOUND', 'There is no such presentation request on this verifier.');
  }

  static answered(): PresentationRequestError {
    return new PresentationRequestError('PRESENTATION_REQUEST_ANSWERED', 'This presentation request was answered already.');
  }

  static expired(): PresentationRequestError {
    return new PresentationRequestError('PRESENTATION_REQUEST_EXPIRED', 'This presentation request expired; the school makes a new one.');
  }

  static invalidResponse(message: string): PresentationRequestError {
    return new PresentationRequestError('PRESENTATION_RESPONSE_INVALID', message);
  }

  static refused(presentations: RefusedPresentation[]): PresentationRequestError {
    return new PresentationRequestError('PRESENTATION_RESPONSE_REFUSED', "A presentation does not hold: each one's checks say why.", {
      presentations,
    });
  }
}
