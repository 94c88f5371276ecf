import { DomainError } from '#service-kit';

export class InstitutionError extends DomainError {
  static adminTokenRequired(): InstitutionError {
    return new InstitutionError('ADMIN_TOKEN_REQUIRED', 'Send the admin token as "Authorization: Bearer <token>".');
  }

  static adminTokenInvalid(): InstitutionError {
    return new InstitutionError('ADMIN_TOKEN_INVALID', 'The admin token is not valid.');
  }

  static apiKeyRequired(): InstitutionError {
    return new InstitutionError(
      'API_KEY_REQUIRED',
      'Send your institution\'s API key as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
    );
  }

  static apiKeyInvalid(): InstitutionError {
    return new InstitutionError('API_KEY_INVALID', 'The API key is not valid. Ask your administrator for a new one.');
  }

  static notFound(id: string): InstitutionError {
    return new InstitutionError('INSTITUTION_NOT_FOUND', `No institution has the id ${id}.`);
  }

  static slugTaken(slug: string): InstitutionError {
    return new InstitutionError('INSTITUTION_SLUG_TAKEN', `Another institution has the slug ${slug}; choose another.`);
  }

  /** A did:web document asked for by a slug no institution has. */
  static slugNotFound(slug: string): InstitutionError {
    return new InstitutionError('INSTITUTION_NOT_FOUND', `No institution has the slug ${slug}.`);
  }
}
