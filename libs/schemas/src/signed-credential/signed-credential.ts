/**
 * The forms a signed credential comes in: `vc-jwt`, a VCDM 1.1 credential as a JWT's `vc` claim
 * (VC-JWT, what Veramo signs and the only form produced today); `vc+jwt`, a VCDM 2.0 credential as a
 * JOSE payload (VC-JOSE-COSE); `ldp_vc`, a JSON-LD document with a Data Integrity proof; `dc+sd-jwt`,
 * an SD-JWT VC with its disclosures.
 */
export const SIGNED_CREDENTIAL_FORMATS = ['vc-jwt', 'vc+jwt', 'ldp_vc', 'dc+sd-jwt'] as const;

export type SignedCredentialFormat = (typeof SIGNED_CREDENTIAL_FORMATS)[number];

/** The formats whose signed bytes are a compact JWT (an SD-JWT's with its disclosures). */
export const JWT_CREDENTIAL_FORMATS = ['vc-jwt', 'vc+jwt', 'dc+sd-jwt'] as const satisfies readonly SignedCredentialFormat[];

export type JwtCredentialFormat = (typeof JWT_CREDENTIAL_FORMATS)[number];

/**
 * A signed credential, whatever its format: the exact bytes that were signed and handed to the
 * holder, and the W3C credential they decode to. The bytes are the source of truth (what anchoring
 * hashes, what a verifier checks); the decoded credential is read from them alone.
 */
export interface SignedCredential<Credential extends object = Record<string, unknown>> {
  format: SignedCredentialFormat;
  /** The exact signed serialization: the compact JWT for the JWT formats, the JSON document with its proof for `ldp_vc`. */
  bytes: string;
  credential: Credential;
}

/** What a signed credential is as stored and anchored: its format and its exact bytes. */
export type SignedBytes = Pick<SignedCredential, 'format' | 'bytes'>;
