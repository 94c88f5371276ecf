import type { SchemaViolation } from '#schemas';
import { DomainError } from '#service-kit';
import type { SignedCredentialProblem } from './signed-credential-check.js';

export class CredentialIssuanceError extends DomainError {
  static foreignIssuer(requested: string, own: string[]): CredentialIssuanceError {
    return new CredentialIssuanceError(
      'FOREIGN_ISSUER',
      `This API key issues as ${own.join(' or ')}; a credential naming ${requested} as its issuer is refused.`,
    );
  }

  static formatNotAvailable(why: string): CredentialIssuanceError {
    return new CredentialIssuanceError('FORMAT_NOT_AVAILABLE', `The credential cannot be signed as asked: ${why}`);
  }

  static idTaken(id: string): CredentialIssuanceError {
    return new CredentialIssuanceError(
      'CREDENTIAL_ID_TAKEN',
      `A credential with the id ${id} was issued already; a credential's id names it alone (its receipts and package are found by it).`,
    );
  }

  static proofNotAllowed(): CredentialIssuanceError {
    return new CredentialIssuanceError('PROOF_NOT_ALLOWED', 'Send the credential unsigned: the issuer adds the proof.');
  }

  static statusNotAllowed(): CredentialIssuanceError {
    return new CredentialIssuanceError(
      'CREDENTIAL_STATUS_NOT_ALLOWED',
      'Leave out "credentialStatus": the issuer assigns a credential of its kinds its one entry in the institution\'s status lists.',
    );
  }

  static refreshServiceNotAllowed(): CredentialIssuanceError {
    return new CredentialIssuanceError(
      'REFRESH_SERVICE_NOT_ALLOWED',
      'Leave out "refreshService": the issuer names where the credential\'s anchored package will be served.',
    );
  }

  static reservedMemberNotAllowed(member: string): CredentialIssuanceError {
    return new CredentialIssuanceError(
      'RESERVED_MEMBER_NOT_ALLOWED',
      `Leave out "${member}": the VC-JWT encoding reserves it, and the issuer sets the JWT's claims from the credential when it signs.`,
    );
  }

  static schemaInvalid(violations: SchemaViolation[]): CredentialIssuanceError {
    const summary = violations.map((v) => `${v.path || '/'} ${v.message}`).join('; ');
    return new CredentialIssuanceError(
      'CREDENTIAL_SCHEMA_INVALID',
      `The credential fails the data model or its kind's schema: ${summary}`,
      {
        violations,
      },
    );
  }

  /**
   * What was just signed failed the last check (signed-credential-check.ts); nothing was stored. Too
   * large, or not valid now, is the request's doing (422); a JWT that does not decode, verify or
   * pass its schema after signing, when the credential passed it before, is the issuer's own fault
   * (500), never handed out.
   */
  static signedCredentialRefused({ check, message }: SignedCredentialProblem): CredentialIssuanceError {
    switch (check) {
      case 'size':
        return new CredentialIssuanceError('CREDENTIAL_TOO_LARGE', `${message} Verifiers must be able to receive it; shorten its texts.`);
      case 'validity-period':
        return new CredentialIssuanceError('CREDENTIAL_OUTSIDE_VALIDITY_PERIOD', message);
      default:
        return new CredentialIssuanceError(
          'ISSUANCE_SELF_CHECK_FAILED',
          `The issuer's own ${check} check refused the credential it had just signed (${message}); nothing was stored or handed out.`,
        );
    }
  }

  static withoutStatus(id: string): CredentialIssuanceError {
    return new CredentialIssuanceError(
      'CREDENTIAL_HAS_NO_STATUS',
      `The credential ${id} was issued before status lists and names none, so its status cannot change; issue a new credential if it must be revocable.`,
    );
  }

  /** Receipts are public: their lookups are not scoped by institution, and say so. */
  static noneForReceipt(): CredentialIssuanceError {
    return new CredentialIssuanceError('CREDENTIAL_NOT_FOUND', 'No credential has this id or leaf.');
  }

  /** Wallet offers re-issue our kinds only: a VC-API credential of another shape has no achievement to bind. */
  static notOfOurKinds(id: string): CredentialIssuanceError {
    return new CredentialIssuanceError(
      'CREDENTIAL_NOT_OFFERABLE',
      `The credential ${id} is of none of the course, certificate and credit kinds; only those are offered to wallets.`,
    );
  }

  /** A revoked credential is not offered to wallets, nor copied for one: revoking is final. */
  static revokedNotOffered(id: string): CredentialIssuanceError {
    return new CredentialIssuanceError('CREDENTIAL_REVOKED', `The credential ${id} is revoked: it is offered to no wallet.`);
  }

  static notFound(id: string): CredentialIssuanceError {
    return new CredentialIssuanceError('CREDENTIAL_NOT_FOUND', `Your institution has no credential with the id ${id}.`);
  }
}
