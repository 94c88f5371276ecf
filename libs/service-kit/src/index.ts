export { DomainError, type DomainErrorKind } from './domain-error.js';
export { RequestError } from './request-errors.js';
export { DomainErrorFilter, httpStatusOf, type ErrorBody } from './domain-error.filter.js';
export { ValidBody, UuidParam, type BodyValidation } from './json-body.pipe.js';
export { createHttpApp, logLevelsFrom, runService, type HttpAppOptions } from './http-app.js';
export { ConfigReader, ConfigurationError, type Environment } from './config-reader.js';
export { bodySchema } from './body-schema.js';
export { HealthController } from './health.controller.js';
