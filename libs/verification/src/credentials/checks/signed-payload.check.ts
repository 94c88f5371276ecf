import { isDeepStrictEqual } from 'node:util';
import { type CheckOutcome, invalid, valid } from '../../pipeline/check.js';
import type { CredentialCheck, ParsedCredential } from '../parsed-credential.js';

/**
 * What is shown is what was signed. A JWT is the only source of truth: a credential object around it
 * (a VC with a `JwtProof2020` proof) must say exactly what the JWT says, or a reader of the outer
 * JSON could be shown claims nobody signed; a bare JWT or an envelope (which carries nothing but the
 * JWT) has nothing beside it. A Data Integrity credential is itself the signed document, every
 * member included: JSON-LD canonicalises it in safe mode, which refuses a member no context defines
 * rather than leaving it out of what is signed.
 */
export class SignedPayloadCheck implements CredentialCheck {
  readonly name = 'signed-payload';
  readonly dependsOn = [];

  async run(credential: ParsedCredential): Promise<CheckOutcome> {
    if (!credential.outer) return valid();
    const { proof: _outerProof, ...outer } = credential.outer;
    const { proof: _signedProof, ...signed } = credential.credential;
    if (isDeepStrictEqual(outer, signed)) return valid();
    const differing = [...new Set([...Object.keys(outer), ...Object.keys(signed)])].filter(
      (key) => !isDeepStrictEqual(outer[key], signed[key]),
    );
    return invalid('OUTER_JSON_DIFFERS_FROM_SIGNED', `The credential's JSON differs from its signed JWT in: ${differing.join(', ')}.`);
  }
}
