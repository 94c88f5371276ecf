import { createHash } from 'node:crypto';

/** Namespace of the ids this library derives (RFC 9562 section 5.5); never change it. */
export const LIFELONG_LEARNING_NAMESPACE = '8aeea434-eb93-42b2-8be1-4fa4dda3652a';

/**
 * An RFC 9562 version 5 (SHA-1, name-based) UUID: the same name in the same namespace always gives
 * the same id, so a course's Achievement keeps one id across all its learners' credentials.
 * Written here because node:crypto only makes random (v4) UUIDs.
 */
export function nameBasedUuid(name: string, namespace = LIFELONG_LEARNING_NAMESPACE): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
