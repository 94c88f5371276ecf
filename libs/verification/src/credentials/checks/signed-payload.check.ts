import { isDeepStrictEqual } from 'node:util';
import { type CheckOutcome, invalid, valid } from '../../pipeline/check.js';
import type { CredentialCheck, ParsedCredential } from '../parsed-credential.js';

/**
 * The signed JWT is the only source of truth: a credential object around it must say exactly what
 * the JWT says, or a reader of the outer JSON could be shown claims nobody signed.
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
