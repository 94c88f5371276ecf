import { DomainError } from './domain-error.js';

/** Errors about the HTTP request itself, before any feature sees it. */
export class RequestError extends DomainError {
  static malformedJson(message: string): RequestError {
    return new RequestError('MALFORMED_JSON', `The request body is not valid JSON: ${message}`);
  }

  static bodyTooLarge(limit: string): RequestError {
    return new RequestError('PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${limit}.`);
  }

  static missingBody(): RequestError {
    return new RequestError('MISSING_REQUEST_BODY', 'Send a JSON request body with "Content-Type: application/json".');
  }

  static invalidParameter(name: string, expected: string): RequestError {
    return new RequestError('INVALID_PARAMETER', `The parameter "${name}" must be ${expected}.`);
  }

  static invalidBody(violations: { path: string; message: string }[]): RequestError {
    const summary = violations.map((v) => `${v.path || '/'} ${v.message}`).join('; ');
    return new RequestError('INVALID_REQUEST_BODY', `The request body is invalid: ${summary}`, {
      violations,
    });
  }

  static routeNotFound(method: string, path: string): RequestError {
    return new RequestError('ROUTE_NOT_FOUND', `No endpoint answers ${method} ${path}.`);
  }

  static malformedUrl(): RequestError {
    return new RequestError(
      'MALFORMED_URL',
      'The request path has percent-encoding that does not decode to UTF-8 text (each % must start a %XX byte of UTF-8).',
    );
  }

  static invalidCharacter(where: 'URL' | 'body'): RequestError {
    return new RequestError('INVALID_CHARACTER', `The request ${where} contains a NUL character (U+0000), which no field accepts.`);
  }

  static jsonTooDeep(maxDepth: number): RequestError {
    return new RequestError(
      'JSON_TOO_DEEP',
      `The JSON is nested too deeply: more than ${maxDepth} levels, deeper than any credential or presentation is.`,
    );
  }

  static unsupportedCharset(charset: string): RequestError {
    return new RequestError('UNSUPPORTED_CHARSET', `The request body's charset "${charset}" is not supported: send UTF-8.`);
  }

  static unsupportedContentEncoding(encoding: string): RequestError {
    return new RequestError(
      'UNSUPPORTED_CONTENT_ENCODING',
      `The Content-Encoding "${encoding}" is not supported: send the body as it is, or gzip, deflate or br.`,
    );
  }

  static unreadableBody(): RequestError {
    return new RequestError(
      'UNREADABLE_BODY',
      'The request body could not be read: it does not decode as its Content-Encoding says, or its length differs from Content-Length.',
    );
  }

  /** Too many requests from one client; the filter answers with `Retry-After`. */
  static rateLimited(retryAfterSeconds: number): RequestError {
    return new RequestError('RATE_LIMITED', `Too many requests from this client; try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
  }
}
