/** The media type of a VC-JOSE-COSE credential, as an `EnvelopedVerifiableCredential`'s data URL names it. */
const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A credential as a presentation carries it. */
export type PresentedCredential =
  /** Enveloped VC-JOSE-COSE: the compact JWS, to verify with `verifyVcJwt`. */
  | { format: 'vc+jwt'; jws: string }
  /** Enveloped in another media type (`application/vc+sd-jwt`, `application/vc+cose`, …), which this library does not verify. */
  | { format: 'other-envelope'; mediaType: string }
  /** Carried as JSON, with an embedded proof (Data Integrity) or none. */
  | { format: 'embedded'; credential: Record<string, unknown> };

/**
 * A compact `vc+jwt` as an `EnvelopedVerifiableCredential`, to carry in a presentation or a VC-API
 * answer. Its `@context` is the ordered set the data model asks for, as an array (the W3C VCDM 2.0
 * test suite reads it as one), though a lone string means the same in JSON-LD.
 */
export function envelopeCredential(jws: string): { '@context': string[]; id: string; type: 'EnvelopedVerifiableCredential' } {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `data:${VC_JWT_MEDIA_TYPE},${jws}`,
    type: 'EnvelopedVerifiableCredential',
  };
}

/** Whether a value claims to be an `EnvelopedVerifiableCredential` (its `type` says so). */
function isEnvelope(value: Record<string, unknown>): boolean {
  return [value.type].flat().includes('EnvelopedVerifiableCredential');
}

/**
 * What a `verifiableCredential` entry carries, or undefined when it is not a credential: not an
 * object, or an envelope whose `id` is not a data URL (or says `vc+jwt` and holds no compact JWS).
 * Nothing is verified: only what a JWS or proof signs counts.
 */
export function presentedCredential(value: unknown): PresentedCredential | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entry = value as Record<string, unknown>;
  if (!isEnvelope(entry)) return { format: 'embedded', credential: entry };
  const match = typeof entry.id === 'string' ? /^data:([^,;]+)((?:;[^,]*)?),(.*)$/s.exec(entry.id) : null;
  if (!match) return undefined;
  const [, mediaType, parameters, data] = match;
  if (mediaType !== VC_JWT_MEDIA_TYPE) return { format: 'other-envelope', mediaType };
  return parameters === '' && COMPACT_JWS.test(data) ? { format: 'vc+jwt', jws: data } : undefined;
}

/** The compact JWS inside an `EnvelopedVerifiableCredential` of VC-JOSE-COSE, or undefined for anything else. */
export function unwrapEnvelopedCredential(value: unknown): string | undefined {
  const presented = presentedCredential(value);
  return presented?.format === 'vc+jwt' ? presented.jws : undefined;
}
