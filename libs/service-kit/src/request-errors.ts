import { DomainError } from './domain-error.js';

/** Errors about the HTTP request itself, before any feature sees it. */
export class RequestError extends DomainError {
  static malformedJson(message: string): RequestError {
    return new RequestError('invalid_input', 'MALFORMED_JSON', `The request body is not valid JSON: ${message}`);
  }

  static bodyTooLarge(limit: string): RequestError {
    return new RequestError('too_large', 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${limit}.`);
  }

  static missingBody(): RequestError {
    return new RequestError('invalid_input', 'MISSING_REQUEST_BODY', 'Send a JSON request body with "Content-Type: application/json".');
  }

  static invalidParameter(name: string, expected: string): RequestError {
    return new RequestError('invalid_input', 'INVALID_PARAMETER', `The parameter "${name}" must be ${expected}.`);
  }

  static invalidBody(violations: { path: string; message: string }[]): RequestError {
    const summary = violations.map((v) => `${v.path || '/'} ${v.message}`).join('; ');
    return new RequestError('invalid_input', 'INVALID_REQUEST_BODY', `The request body is invalid: ${summary}`, {
      violations,
    });
  }

  static routeNotFound(method: string, path: string): RequestError {
    return new RequestError('not_found', 'ROUTE_NOT_FOUND', `No endpoint answers ${method} ${path}.`);
  }
}
