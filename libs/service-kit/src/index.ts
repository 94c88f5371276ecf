export { DomainError, type DomainErrorKind } from './domain-error.js';
export { ERROR_CODES, type ErrorCode } from './error-codes.js';
export { RequestError } from './request-errors.js';
export { DomainErrorFilter, httpStatusOf, type ErrorBody } from './domain-error.filter.js';
export { ValidBody, UuidParam, isUuid, type BodyValidation } from './json-body.pipe.js';
export { createHttpApp, runService } from './http-app.js';
export {
  ConfigReader,
  ConfigurationError,
  type Environment,
  type HttpServerConfig,
  type LogThreshold,
  readHttpServerConfig,
} from './config-reader.js';
export { bodySchema } from './body-schema.js';
export { screenJson } from './request-screening.js';
export { clientAddressOf } from './client-address.js';
export { HealthController } from './health.controller.js';
export { escapeHtml, Html, html, PAGE_CSP, page } from './html.js';
