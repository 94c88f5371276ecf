import { DomainError } from '#service-kit';

export class StatusListError extends DomainError {
  static revokedIsFinal(id: string): StatusListError {
    return new StatusListError(
      'CREDENTIAL_REVOKED',
      `The credential ${id} is revoked, and revoking is final: its status cannot change again.`,
    );
  }

  static listNotFound(id: string): StatusListError {
    return new StatusListError('STATUS_LIST_NOT_FOUND', `There is no status list ${id}.`);
  }

  static versionNotFound(id: string, version: number): StatusListError {
    return new StatusListError('STATUS_LIST_VERSION_NOT_FOUND', `The status list ${id} has no version ${version}.`);
  }
}
