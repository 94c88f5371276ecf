import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error.js';
import { RequestError } from './request-errors.js';

/** The error body every endpoint answers with. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
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
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

interface BodyParserError {
  type: string;
  message: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string';
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
        error: { code: 'INTERNAL_ERROR', message: 'The service failed to handle this request; it has been logged.' },
      } satisfies ErrorBody);
      return;
    }
    const status = httpStatusOf(error.kind);
    this.logger.warn(`${request.method} ${request.path} -> ${status} ${error.code}`);
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    response.status(status).json(body);
  }

  private toDomainError(exception: unknown, request: Request): DomainError | undefined {
    if (exception instanceof DomainError) return exception;
    // Nest wraps body-parser failures in an HttpException whose cause is the parser's error.
    const cause = exception instanceof HttpException ? exception.cause : exception;
    const parserError = isBodyParserError(cause) ? cause : isBodyParserError(exception) ? exception : undefined;
    if (parserError?.type === 'entity.parse.failed') return RequestError.malformedJson(parserError.message);
    if (parserError?.type === 'entity.too.large') return RequestError.bodyTooLarge(`${parserError.limit} bytes`);
    if (exception instanceof HttpException && exception.getStatus() === HttpStatus.NOT_FOUND) {
      return RequestError.routeNotFound(request.method, request.path);
    }
    if (exception instanceof HttpException && exception.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) {
      return RequestError.bodyTooLarge('the configured size');
    }
    return undefined;
  }
}
