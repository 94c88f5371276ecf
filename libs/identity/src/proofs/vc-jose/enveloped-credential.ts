/** The `id` prefix of an `EnvelopedVerifiableCredential` that carries a VC-JOSE-COSE credential. */
const DATA_URL_PREFIX = 'data:application/vc+jwt,';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A compact `vc+jwt` as an `EnvelopedVerifiableCredential`, to carry in a presentation or a VC-API answer. */
export function envelopeCredential(jws: string): { '@context': string; id: string; type: 'EnvelopedVerifiableCredential' } {
  return { '@context': 'https://www.w3.org/ns/credentials/v2', id: `${DATA_URL_PREFIX}${jws}`, type: 'EnvelopedVerifiableCredential' };
}

/**
 * The compact JWS inside an `EnvelopedVerifiableCredential`, or undefined when the value is one
 * whose `id` is not a `data:application/vc+jwt,` URL holding a compact JWS. Not verified: the JWS is
 * the caller's to verify, and only what it signs counts.
 */
export function unwrapEnvelopedCredential(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || !id.startsWith(DATA_URL_PREFIX)) return undefined;
  const jws = id.slice(DATA_URL_PREFIX.length);
  return COMPACT_JWS.test(jws) ? jws : undefined;
}

/** Whether a value claims to be an `EnvelopedVerifiableCredential` (its `type` says so). */
export function isEnvelope(value: unknown): boolean {
  const type = (value as { type?: unknown } | null)?.type;
  return [type].flat().includes('EnvelopedVerifiableCredential');
}
