import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * DIDs of the methods verifiers here resolve, by their syntax: did:ethr (an address or a
 * compressed public key, optionally after a network name or hex chain id), did:key (multibase
 * base58btc), did:jwk (base64url JSON) and did:web (a host, an optional %3A port, optional path).
 */
const RESOLVABLE_DID =
  /^did:(?:ethr:(?:[a-zA-Z0-9]+:)?0x(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{66})|key:z[1-9A-HJ-NP-Za-km-z]+|jwk:[A-Za-z0-9_-]+|web:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*(?:%3A[0-9]{1,5})?(?::[a-zA-Z0-9._~-]+)*)$/;

/** Schemes a credential may link to: the web, URNs (urn:uuid ids) and DIDs; never javascript:, data: or file:. */
const LINKABLE_SCHEME = /^(?:https?:\/\/|urn:|did:)/;

/**
 * Dates a VC-JWT carries as NumericDate claims (issuanceDate as `nbf`, expirationDate as `exp`):
 * from 2000, because the epoch becomes `nbf: 0`, which JWT decoders drop as absent (the signed
 * credential then has no issuanceDate and fails its schema), and earlier ones are negative, which
 * JWT libraries do not all accept; until 3000, well inside what the JWT library signs (up to the
 * year 5138; 9999-12-31 made signing throw). A credential that never expires leaves its end out.
 */
const SIGNING_DATE_RANGE = { earliest: '2000-01-01T00:00:00Z', latest: '2999-12-31T23:59:59Z' } as const;

/** Dates of what happened (a course's start and end, an award): records go back further than VCs. */
const EVENT_DATE_RANGE = { earliest: '1900-01-01T00:00:00Z', latest: SIGNING_DATE_RANGE.latest } as const;

/** XML Schema dateTimeStamp, what VCDM 2.0 dates are: RFC 3339 with an upper-case "T" and a time zone, always. */
const DATE_TIME_STAMP = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const isUri = fullFormats.uri as (value: string) => boolean;
const isDateTime = (fullFormats['date-time'] as { validate: (value: string) => boolean }).validate;

/** An RFC 3339 date-time within a range, compared as instants whatever the offset. */
function dateTimeWithin({ earliest, latest }: { earliest: string; latest: string }) {
  return (value: string) => isDateTime(value) && Date.parse(value) >= Date.parse(earliest) && Date.parse(value) <= Date.parse(latest);
}

/** Our string formats, registered on the one ajv instance, with what their violations say. */
export const FORMATS: Record<string, { validate: (value: string) => boolean; message: string }> = {
  'resolvable-did': { validate: (value) => RESOLVABLE_DID.test(value), message: 'must be a did:ethr, did:key, did:jwk or did:web DID' },
  'linkable-uri': { validate: (value) => LINKABLE_SCHEME.test(value) && isUri(value), message: 'must be an http(s), urn or did URI' },
  'signing-date-time': {
    validate: dateTimeWithin(SIGNING_DATE_RANGE),
    message: `must be a date-time from ${SIGNING_DATE_RANGE.earliest} to ${SIGNING_DATE_RANGE.latest}`,
  },
  'date-time-stamp': {
    validate: (value) => DATE_TIME_STAMP.test(value) && isDateTime(value),
    message: 'must be an XML Schema dateTimeStamp: a date, "T", a time and a time zone, e.g. 2026-07-01T12:00:00Z',
  },
  'event-date-time': {
    validate: dateTimeWithin(EVENT_DATE_RANGE),
    message: `must be a date-time from ${EVENT_DATE_RANGE.earliest} to ${EVENT_DATE_RANGE.latest}`,
  },
};
