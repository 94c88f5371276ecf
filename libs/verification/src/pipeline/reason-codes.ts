import type { CheckName } from './check-name.js';

/** The statuses a reason explains: every one but `valid`. */
export type ReasonStatus = 'invalid' | 'error' | 'skipped';

interface ReasonDefinition {
  status: ReasonStatus;
  /** The checks that report it; empty for the runner's own, which any check may end with. */
  checks: readonly CheckName[];
  meaning: string;
}

/**
 * Every reason code a verification report gives, with the one status it always comes with, the
 * checks that give it, and what it means. Codes are public API: add, never rename. The README's
 * reason-code table lists the same (a unit test compares them).
 */
export const REASON_CODES = {
  CHECK_FAILED: {
    status: 'error',
    checks: [],
    meaning: 'The check itself failed to run (a bug, logged); it says nothing about the credential.',
  },
  VERIFICATION_DEADLINE_EXCEEDED: {
    status: 'error',
    checks: [],
    meaning: 'The verification ran out of time (`VERIFICATION_DEADLINE_MS`) before this check finished or started.',
  },

  FORMAT_UNRECOGNISED: {
    status: 'invalid',
    checks: ['format'],
    meaning: 'Neither a compact JWT, a document with a JwtProof2020 or Data Integrity proof, nor an enveloped credential.',
  },
  FORMAT_NO_PROOF: {
    status: 'invalid',
    checks: ['format'],
    meaning: 'A JSON credential or presentation carries no proof and is no JWT: it is not signed.',
  },
  FORMAT_PROOF_TYPE_UNSUPPORTED: {
    status: 'invalid',
    checks: ['format'],
    meaning:
      "The embedded proof is of a type this verifier does not verify (it verifies `DataIntegrityProof` `eddsa-rdfc-2022` and `ecdsa-rdfc-2019`, `Ed25519Signature2020` and JWTs), such as Blockcerts' `MerkleProof2019` or OpenAttestation's.",
  },
  FORMAT_MEDIA_TYPE_NOT_ACCEPTED: {
    status: 'invalid',
    checks: ['format'],
    meaning:
      'The JWS `typ` or `cty` names another media type than a VC-JWT or `vc+jwt` (`vp+jwt` for a presentation), or an envelope holds another media type.',
  },
  FORMAT_ENVELOPE_EXTRA_MEMBERS: {
    status: 'invalid',
    checks: ['format'],
    meaning: 'An EnvelopedVerifiableCredential (or presentation) carries members beside `@context`, `id` and `type`.',
  },
  FORMAT_ENVELOPE_CONTEXT_INVALID: {
    status: 'invalid',
    checks: ['format'],
    meaning: 'An EnvelopedVerifiableCredential (or presentation) does not name the VCDM 2.0 base context first in its `@context`.',
  },
  FORMAT_UNSIGNED_JWT: { status: 'invalid', checks: ['format'], meaning: 'The JWT has no signature (`alg: none`).' },
  FORMAT_MALFORMED_JWT: { status: 'invalid', checks: ['format'], meaning: 'The JWT header or payload is not base64url-encoded JSON.' },
  FORMAT_NOT_A_CREDENTIAL: {
    status: 'invalid',
    checks: ['format'],
    meaning:
      'A VC-JWT without a `vc` claim or `iss`, a `vc+jwt` payload that is not a VCDM 2.0 credential (or carries `vc` or `vp` claims), or a document whose type lacks VerifiableCredential or that names no issuer.',
  },
  FORMAT_NOT_A_PRESENTATION: {
    status: 'invalid',
    checks: ['format'],
    meaning:
      'A VP-JWT without a `vp` claim or `iss`, a `vp+jwt` payload that is not a VCDM 2.0 presentation, or a document whose type lacks VerifiablePresentation or that names no holder.',
  },
  PRESENTATION_CREDENTIALS_COUNT: {
    status: 'invalid',
    checks: ['format'],
    meaning: 'A presentation carries no credential, or more than 100.',
  },

  SIGNATURE_ALGORITHM_NOT_ACCEPTED: {
    status: 'invalid',
    checks: ['signature', 'holder-signature'],
    meaning: 'The JWS algorithm is not one accepted for its format (VC-JWT: ES256K, ES256K-R, ES256, EdDSA; `vc+jwt`: also ES384).',
  },
  SIGNATURE_HIGH_S: {
    status: 'invalid',
    checks: ['signature', 'holder-signature'],
    meaning: 'The secp256k1 signature (ES256K, ES256K-R) is in its high-S form, the twin of the one its signer made.',
  },
  SIGNATURE_KEY_HISTORY_UNAVAILABLE: {
    status: 'error',
    checks: ['signature'],
    meaning:
      "The signature fails against the did:ethr issuer's keys now, and whether its key was valid at the credential's anchoring block could not be checked right now (the chain did not answer, or the anchor is not confirmed yet).",
  },
  SIGNATURE_KEY_NOT_A_DID: {
    status: 'invalid',
    checks: ['signature', 'holder-signature'],
    meaning:
      'The proof names its key by something other than a DID URL (an `https` URL, a bare key): only DIDs are resolved, nothing else is fetched.',
  },
  SIGNATURE_CONTEXT_NOT_PINNED: {
    status: 'invalid',
    checks: ['signature', 'holder-signature'],
    meaning:
      'The Data Integrity document names a JSON-LD context this verifier has not pinned; none is fetched, so the proof cannot be checked.',
  },
  SIGNATURE_PROOF_MALFORMED: {
    status: 'invalid',
    checks: ['signature', 'holder-signature'],
    meaning:
      'The proof or what it signs breaks its format: a member missing or of the wrong type, another proof purpose, a term JSON-LD cannot canonicalise.',
  },
  ISSUER_DID_UNAVAILABLE: {
    status: 'error',
    checks: ['signature', 'holder-signature'],
    meaning: "The signer's DID could not be resolved right now (the chain or its web server did not answer).",
  },
  ISSUER_DID_UNRESOLVABLE: {
    status: 'invalid',
    checks: ['signature', 'holder-signature'],
    meaning: "The signer's DID does not resolve to a document.",
  },
  SIGNATURE_INVALID: {
    status: 'invalid',
    checks: ['signature', 'holder-signature'],
    meaning:
      "No key the signer's DID lists for the purpose made this signature (for a did:ethr issuer: neither now nor, with an anchor receipt that holds, at the anchoring block).",
  },

  OUTER_JSON_DIFFERS_FROM_SIGNED: {
    status: 'invalid',
    checks: ['signed-payload'],
    meaning: 'The JSON around the JWT says something the JWT does not.',
  },

  SCHEMA_UNKNOWN_KIND: {
    status: 'skipped',
    checks: ['schema'],
    meaning:
      'A kind this verifier has no schema for (neither one of ours, nor Open Badges 3.0, nor CLR 2.0): only the W3C data model was checked, and holds. It does not stop a verdict of verified.',
  },
  SCHEMA_INVALID: { status: 'invalid', checks: ['schema'], meaning: 'The signed credential fails its schema.' },

  VALIDITY_PERIOD_MALFORMED: { status: 'invalid', checks: ['validity-period'], meaning: 'A validity date is not a date.' },
  CREDENTIAL_NOT_YET_VALID: {
    status: 'invalid',
    checks: ['validity-period'],
    meaning: "The credential's `nbf`, `validFrom` or (VCDM 1.1) `issuanceDate` is still ahead, beyond the clock skew.",
  },
  CREDENTIAL_EXPIRED: {
    status: 'invalid',
    checks: ['validity-period'],
    meaning: "The credential's `exp`, `validUntil` or (VCDM 1.1) `expirationDate` has passed, beyond the clock skew.",
  },
  PRESENTATION_NOT_YET_VALID: {
    status: 'invalid',
    checks: ['validity-period'],
    meaning: "The presentation's `nbf` is still ahead, beyond the clock skew.",
  },
  PRESENTATION_EXPIRED: {
    status: 'invalid',
    checks: ['validity-period'],
    meaning: "The presentation's `exp` (a Data Integrity proof's `expires`) has passed, beyond the clock skew.",
  },

  STATUS_NOT_PROVIDED: { status: 'skipped', checks: ['status'], meaning: 'The credential names no status list.' },
  STATUS_METHOD_UNSUPPORTED: {
    status: 'skipped',
    checks: ['status'],
    meaning:
      'A status entry is of a type or purpose this verifier does not check, or its list gives a status message it does not interpret.',
  },
  STATUS_ENTRY_MALFORMED: { status: 'invalid', checks: ['status'], meaning: 'A `credentialStatus` entry breaks the data model.' },
  STATUS_NOT_FETCHED: {
    status: 'skipped',
    checks: ['status'],
    meaning: 'The signature is not verified, so no status list it names is fetched.',
  },
  STATUS_LISTS_TOO_MANY: {
    status: 'error',
    checks: ['status'],
    meaning: 'The credential names more than 4 distinct status lists; none is fetched.',
  },
  STATUS_LIST_UNAVAILABLE: { status: 'error', checks: ['status'], meaning: 'A status list could not be fetched or verified right now.' },
  STATUS_LIST_TOO_LARGE: {
    status: 'error',
    checks: ['status'],
    meaning: 'A status list is over 128 KiB, or its bits over 32 KiB (131,072 entries of 2 bits).',
  },
  STATUS_LIST_MALFORMED: {
    status: 'error',
    checks: ['status'],
    meaning: 'A status list is not a well-formed BitstringStatusListCredential for that URL and purpose.',
  },
  STATUS_LIST_SIGNATURE_INVALID: {
    status: 'error',
    checks: ['status'],
    meaning: 'A status list is not validly signed, or not what its issuer signed.',
  },
  STATUS_LIST_EXPIRED: {
    status: 'error',
    checks: ['status'],
    meaning: 'A status list has expired (its JWT `exp`, or its `validUntil` or `expirationDate`).',
  },
  STATUS_LIST_ISSUER_MISMATCH: {
    status: 'invalid',
    checks: ['status'],
    meaning: "A status list is signed by someone other than the credential's issuer or a DID linked to it both ways.",
  },
  STATUS_LIST_ISSUER_UNAVAILABLE: {
    status: 'error',
    checks: ['status'],
    meaning: "Whether a status list's signer is the credential's issuer (its other DID) could not be read right now.",
  },
  STATUS_INDEX_OUT_OF_RANGE: {
    status: 'error',
    checks: ['status'],
    meaning: "The credential's index is beyond the end of its status list.",
  },
  CREDENTIAL_REVOKED: { status: 'invalid', checks: ['status'], meaning: 'The issuer has revoked the credential.' },
  CREDENTIAL_SUSPENDED: { status: 'invalid', checks: ['status'], meaning: 'The issuer has suspended the credential (it may be lifted).' },

  ANCHOR_RECEIPT_NOT_PROVIDED: {
    status: 'skipped',
    checks: ['anchor'],
    meaning: 'No receipt came with the credential, and it names no anchored package.',
  },
  ANCHOR_RECEIPT_NOT_FETCHED: {
    status: 'skipped',
    checks: ['anchor'],
    meaning: 'The signature is not verified, so the anchored package it names is not fetched.',
  },
  ANCHOR_RECEIPT_UNAVAILABLE: {
    status: 'skipped',
    checks: ['anchor'],
    meaning: 'The anchored package could not be fetched, or came without a receipt.',
  },
  ANCHOR_NOT_YET_ANCHORED: { status: 'skipped', checks: ['anchor'], meaning: 'The issuer has not anchored the credential yet.' },
  ANCHOR_RECEIPT_MALFORMED: { status: 'invalid', checks: ['anchor'], meaning: 'The receipt does not match the receipt schema.' },
  ANCHOR_WRONG_CHAIN: { status: 'invalid', checks: ['anchor'], meaning: "The receipt names another chain than this verifier's." },
  ANCHOR_UNKNOWN_CONTRACT: {
    status: 'invalid',
    checks: ['anchor'],
    meaning: 'The receipt names another contract than `ANCHOR_CONTRACT_ADDRESS`.',
  },
  ANCHOR_PROOF_INVALID: {
    status: 'invalid',
    checks: ['anchor'],
    meaning: 'The receipt is for other bytes, or its proof does not lead to its root.',
  },
  ANCHOR_ROOT_NOT_ANCHORED: { status: 'invalid', checks: ['anchor'], meaning: 'The anchor contract holds no such root.' },
  ANCHOR_BLOCK_MISMATCH: {
    status: 'invalid',
    checks: ['anchor'],
    meaning: 'The root was anchored in another block than the receipt says.',
  },
  ANCHOR_NOT_CONFIRMED: {
    status: 'error',
    checks: ['anchor'],
    meaning: 'The anchoring block has fewer than `ANCHOR_CONFIRMATIONS` confirmations.',
  },
  ANCHOR_CHAIN_UNAVAILABLE: { status: 'error', checks: ['anchor'], meaning: 'The chain could not be read.' },

  ISSUER_TRUST_NOT_CHECKED: {
    status: 'skipped',
    checks: ['issuer-trust'],
    meaning: 'The signature is not verified, so who signed is not known.',
  },
  ISSUER_UNKNOWN: {
    status: 'skipped',
    checks: ['issuer-trust'],
    meaning: 'No registry this verifier trusts lists the signer; also under `warnings`.',
  },
  ISSUER_NOT_TRUSTED: { status: 'invalid', checks: ['issuer-trust'], meaning: 'As `ISSUER_UNKNOWN`, with `REQUIRE_TRUSTED_ISSUER=true`.' },

  CHALLENGE_NOT_CHECKED: {
    status: 'skipped',
    checks: ['challenge'],
    meaning: "The holder's signature is not verified, so its challenge is not taken.",
  },
  CHALLENGE_MISSING: { status: 'invalid', checks: ['challenge'], meaning: 'The presentation signs no challenge (JWT `nonce`).' },
  CHALLENGE_MISMATCH: {
    status: 'invalid',
    checks: ['challenge'],
    meaning: 'The presentation answers another challenge than `options.challenge`.',
  },
  CHALLENGE_UNKNOWN: { status: 'invalid', checks: ['challenge'], meaning: 'This verifier never handed out the challenge.' },
  CHALLENGE_ALREADY_USED: { status: 'invalid', checks: ['challenge'], meaning: 'The challenge was used by an earlier presentation.' },
  CHALLENGE_EXPIRED: { status: 'invalid', checks: ['challenge'], meaning: 'The challenge expired before the presentation came.' },
  DOMAIN_NOT_CHECKED: {
    status: 'skipped',
    checks: ['domain'],
    meaning: 'Without a valid challenge there is no domain to hold the presentation to.',
  },
  DOMAIN_MISMATCH: {
    status: 'invalid',
    checks: ['domain'],
    meaning: 'The challenge was handed to another domain, or the presentation is addressed to another.',
  },
  HOLDER_NOT_CHECKED: {
    status: 'skipped',
    checks: ['holder'],
    meaning: "The credential's signature is not verified, so its subject is not known.",
  },
  HOLDER_NOT_SUBJECT: {
    status: 'invalid',
    checks: ['holder'],
    meaning: 'The credential names neither the presenting holder nor the learner the school was told of.',
  },

  SOURCES_NOT_CHECKED: {
    status: 'skipped',
    checks: ['source'],
    meaning: "The recognition credential's signature is not verified, so the sources it cites are not checked.",
  },
  SOURCE_NOT_PROVIDED: {
    status: 'skipped',
    checks: ['source'],
    meaning: 'The recognition cites this source and no credential was given for it: only the citation is reported.',
  },
  SOURCE_DIGEST_MISMATCH: {
    status: 'invalid',
    checks: ['source'],
    meaning:
      'A credential given with the id of a cited source has another digest than the one cited: it is not the exact credential recognised (changed, or another in its place).',
  },
  SOURCE_NOT_CITED: {
    status: 'invalid',
    checks: ['source'],
    meaning: 'A credential given as a source is not one the recognition cites, by digest or by id.',
  },
  SOURCE_NOT_VERIFIED: {
    status: 'invalid',
    checks: ['source'],
    meaning: 'The source given has the cited digest but does not verify now (revoked, expired, ...); its own report says why.',
  },
  SOURCE_INDETERMINATE: {
    status: 'error',
    checks: ['source'],
    meaning: 'The source given has the cited digest, but whether it verifies could not be decided now; its own report says why.',
  },
} as const satisfies Record<string, ReasonDefinition>;

export type ReasonCode = keyof typeof REASON_CODES;

/** The codes that come with one status: `invalid(code, …)` takes only a code that means invalid. */
export type ReasonCodeWith<S extends ReasonStatus> = {
  [C in ReasonCode]: (typeof REASON_CODES)[C]['status'] extends S ? C : never;
}[ReasonCode];
