import { PipeTransform } from '@nestjs/common';
import { RequestError } from './request-errors.js';

export type BodyValidation<T> = (body: unknown) => { ok: true; value: T } | { ok: false; violations: { path: string; message: string }[] };

/**
 * Validates a request body with a feature's validation function and hands the typed value to the
 * controller; a body that fails is answered 400 INVALID_REQUEST_BODY with every violation listed.
 */
export class ValidBody<T> implements PipeTransform<unknown, T> {
  constructor(private readonly validate: BodyValidation<T>) {}

  transform(body: unknown): T {
    if (body === undefined) throw RequestError.missingBody();
    const result = this.validate(body);
    if (!result.ok) throw RequestError.invalidBody(result.violations);
    return result.value;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** A path parameter that must be a UUID; anything else is a 400 with a stable code. */
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!isUuid(value)) throw RequestError.invalidParameter(this.name, 'a UUID');
    return value.toLowerCase();
  }
}
