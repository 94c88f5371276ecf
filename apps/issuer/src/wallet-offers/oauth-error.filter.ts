import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import {
  Oauth2ErrorCodes,
  Oauth2JwtParseError,
  Oauth2JwtVerificationError,
  Oauth2ResourceUnauthorizedError,
  Oauth2ServerErrorResponseError,
} from '@openid4vc/oauth2';
import { ValidationError } from '@openid4vc/utils';
import { DomainErrorFilter } from '#service-kit';
import type { Request, Response } from 'express';

/**
 * The OAuth and OpenID4VCI endpoints answer refusals in their protocols' shape (RFC 6749 section
 * 5.2, RFC 6750 section 3, OpenID4VCI section 8.3.1): `{error, error_description}`, with
 * `WWW-Authenticate` for a token the resource server refuses. Anything else those endpoints throw
 * (a malformed body, an unknown institution, a bug) goes to the one house filter, as everywhere.
 */
@Catch()
export class OauthErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OAuth');
  private readonly house = new DomainErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (exception instanceof Oauth2ServerErrorResponseError) {
      this.logger.warn(`${request.method} ${request.path} -> ${exception.status} ${exception.errorResponse.error}`);
      response.status(exception.status).setHeader('Cache-Control', 'no-store').json(exception.errorResponse);
      return;
    }
    if (exception instanceof Oauth2ResourceUnauthorizedError) {
      const [challenge] = exception.wwwAuthenticateHeaders;
      const error = challenge?.error ?? Oauth2ErrorCodes.InvalidToken;
      this.logger.warn(`${request.method} ${request.path} -> 401 ${error}`);
      const description = challenge?.error_description ?? exception.message;
      response
        .status(401)
        .setHeader('WWW-Authenticate', challengeOf(challenge?.scheme ?? 'Bearer', error, description))
        .json({ error, error_description: description });
      return;
    }
    // What the libraries throw for a request they cannot read: a body of the wrong shape, a JWT that does not decode.
    if (
      exception instanceof ValidationError ||
      exception instanceof Oauth2JwtParseError ||
      exception instanceof Oauth2JwtVerificationError
    ) {
      this.logger.warn(`${request.method} ${request.path} -> 400 invalid_request: ${exception.message}`);
      response
        .status(400)
        .setHeader('Cache-Control', 'no-store')
        .json({ error: Oauth2ErrorCodes.InvalidRequest, error_description: exception.message });
      return;
    }
    this.house.catch(exception, host);
  }
}

/**
 * The `WWW-Authenticate` challenge (RFC 6750 section 3) for a refused token. Written here rather than
 * taken from the library, whose challenge carries its error message as it is: one that quotes a
 * parse error may hold characters a header cannot, which Node refuses outright.
 */
function challengeOf(scheme: string, error: string, description: string): string {
  const quotable = (value: string) =>
    value
      .replace(/[^\x20-\x7e]+/g, ' ')
      .replace(/["\\]/g, "'")
      .slice(0, 200);
  return `${quotable(scheme)} error="${quotable(error)}", error_description="${quotable(description)}"`;
}
