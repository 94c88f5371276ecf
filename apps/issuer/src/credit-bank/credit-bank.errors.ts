import { type SchemaViolation } from '#schemas';
import { DomainError } from '#service-kit';

export class CreditBankError extends DomainError {
  static allianceNotFound(id: string): CreditBankError {
    return new CreditBankError('ALLIANCE_NOT_FOUND', `You are a member of no alliance ${id}.`);
  }

  static founderOnly(): CreditBankError {
    return new CreditBankError('ALLIANCE_FOUNDER_ONLY', 'Only the institution that founded the alliance adds members.');
  }

  static memberExists(institutionId: string): CreditBankError {
    return new CreditBankError('ALLIANCE_MEMBER_EXISTS', `The institution ${institutionId} is a member already.`);
  }

  static approverTaken(did: string): CreditBankError {
    return new CreditBankError(
      'APPROVER_DID_TAKEN',
      `Another member of the alliance approves with ${did}; each member approves with its own DID.`,
    );
  }

  static policyInvalid(violations: SchemaViolation[]): CreditBankError {
    return new CreditBankError('POLICY_INVALID', 'The recognition policy is not valid.', { violations });
  }

  static foreignInstitution(named: string): CreditBankError {
    return new CreditBankError(
      'POLICY_FOREIGN_INSTITUTION',
      `The policy names ${named} as the receiving institution; you propose policies for your own programmes only.`,
    );
  }

  static policyExists(policyId: string): CreditBankError {
    return new CreditBankError(
      'POLICY_EXISTS',
      `The alliance has a policy for this programme already (${policyId}); propose a new version of it.`,
      { policyId },
    );
  }

  static policyNotFound(id: string): CreditBankError {
    return new CreditBankError('POLICY_NOT_FOUND', `No policy ${id} is visible to you.`);
  }

  static versionNotFound(id: string, version: number): CreditBankError {
    return new CreditBankError('POLICY_VERSION_NOT_FOUND', `The policy ${id} has no version ${version} here.`);
  }

  static proposerOnly(): CreditBankError {
    return new CreditBankError('POLICY_PROPOSER_ONLY', 'Only the receiving institution that proposed the policy changes it.');
  }

  static published(id: string, version: number): CreditBankError {
    return new CreditBankError(
      'POLICY_PUBLISHED',
      `Version ${version} of the policy ${id} is published and never changes; propose a new version instead.`,
    );
  }

  static alreadyApproved(): CreditBankError {
    return new CreditBankError('POLICY_ALREADY_APPROVED', 'You approved this text of the policy version already.');
  }

  static approvalInvalid(reason: { code: string; message: string }): CreditBankError {
    return new CreditBankError('APPROVAL_INVALID', `The approval does not hold: ${reason.message}`, { reason });
  }

  static approverUnavailable(reason: { code: string; message: string }): CreditBankError {
    return new CreditBankError('APPROVER_DID_UNAVAILABLE', `The approver's DID could not be resolved now: ${reason.message}`, { reason });
  }
}
