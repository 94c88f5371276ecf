import { RequestError } from '#service-kit';

/** A version in a path: a positive integer. */
export function versionNumber(version: string): number {
  if (!/^[1-9]\d{0,8}$/.test(version)) throw RequestError.invalidParameter('version', 'a positive integer');
  return Number(version);
}
