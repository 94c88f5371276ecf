/** A verifier's short link to a credential's verification page, and its QR codes: what the verifier answers and the issuer passes on. */
export interface VerificationLink {
  code: string;
  url: string;
  qr: { png: string; svg: string };
}
