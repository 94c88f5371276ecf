/**
 * A VCDM 2.0 credential of none of our kinds, unsigned: what any issuer's library signs. Its id is
 * fixed, so that two calls give equal credentials; members given replace or add to the built ones.
 */
export function plainCredential(
  issuer: string,
  { subject = 'did:example:learner', ...members }: { subject?: string; [member: string]: unknown } = {},
) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:3f1c2a7e-9b4d-4e2f-8a61-5c0d7e9b1a23',
    type: ['VerifiableCredential'],
    issuer,
    credentialSubject: { id: subject },
    ...members,
  };
}
