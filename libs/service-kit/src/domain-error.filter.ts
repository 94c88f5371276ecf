import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error.js';
import type { ErrorCode } from './error-codes.js';
import { RequestError } from './request-errors.js';

/** The error body every endpoint answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** The one place where domain errors become HTTP statuses. */
export function httpStatusOf(kind: DomainErrorKind): number {
  switch (kind) {
    case 'invalid_input':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'unprocessable':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'unsupported_media_type':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'internal':
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

/** An http-errors error as body-parser raises it: `type` names the failure, when it has one. */
interface BodyParserError {
  status: number;
  type?: string;
  message: string;
  limit?: number;
  charset?: string;
  encoding?: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

/**
 * The request error for what body-parser refused. Untyped ones are what its decompression stream
 * threw (zlib on a body that is not what Content-Encoding says); a malformed charset or encoding is
 * named back to the client.
 */
function bodyParserRequestError(error: BodyParserError): RequestError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return RequestError.malformedJson(error.message);
    case 'entity.too.large':
      return RequestError.bodyTooLarge(`${error.limit} bytes`);
    case 'parameters.too.many':
      return RequestError.bodyTooLarge('the configured number of form fields');
    case 'charset.unsupported':
      return RequestError.unsupportedCharset(error.charset ?? 'unknown');
    case 'encoding.unsupported':
      return RequestError.unsupportedContentEncoding(error.encoding ?? 'unknown');
    case 'request.size.invalid':
    case 'request.aborted':
    case undefined:
      return error.status >= 400 && error.status < 500 ? RequestError.unreadableBody() : undefined;
    default:
      return undefined;
  }
}

/**
 * Turns whatever a request threw into `{error: {code, message}}`. Domain errors keep their code;
 * body-parser and routing failures get request codes; anything else is a bug, logged with its stack
 * and answered 500 without internals.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const error = this.toDomainError(exception, request);
    if (!error) {
      this.logger.error(`${request.method} ${request.path} failed`, exception instanceof Error ? exception.stack : String(exception));
      response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
        error: { code: 'INTERNAL_ERROR' satisfies ErrorCode, message: 'The service failed to handle this request; it has been logged.' },
      } satisfies ErrorBody);
      return;
    }
    const status = httpStatusOf(error.kind);
    if (error.kind === 'internal') {
      this.logger.error(`${request.method} ${request.path} -> ${status} ${error.code}: ${error.message}`);
    } else {
      this.logger.warn(`${request.method} ${request.path} -> ${status} ${error.code}`);
    }
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (error.kind === 'rate_limited' && typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json(body);
  }

  private toDomainError(exception: unknown, request: Request): DomainError | undefined {
    if (exception instanceof DomainError) return exception;
    // Nest wraps body-parser failures in an HttpException whose cause is the parser's error.
    const cause = exception instanceof HttpException ? exception.cause : exception;
    const parserError = isBodyParserError(cause) ? cause : undefined;
    const fromParser = parserError && bodyParserRequestError(parserError);
    if (fromParser) return fromParser;
    if (exception instanceof HttpException && exception.getStatus() === HttpStatus.NOT_FOUND) {
      return RequestError.routeNotFound(request.method, request.path);
    }
    if (exception instanceof HttpException && exception.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) {
      return RequestError.bodyTooLarge('the configured size');
    }
    return undefined;
  }
}
