import { isUuid } from '#service-kit';

/** Where a registry page ends: the last institution's creation time and id, the order pages are read in. */
export interface RegistryCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to readers (base64url of JSON), so its form can change without breaking a `next` link's meaning. */
export function encodeRegistryCursor({ createdAt, id }: RegistryCursor): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

/** The cursor a `next` link carries; undefined for anything this issuer did not write. */
export function decodeRegistryCursor(text: string): RegistryCursor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string' || !isUuid(value[1]))
    return undefined;
  const createdAt = new Date(value[0]);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id: value[1] };
}
