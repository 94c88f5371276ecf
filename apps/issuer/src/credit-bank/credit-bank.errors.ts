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

  static challengeInvalid(code: string): CreditBankError {
    return new CreditBankError('CREDIT_CHALLENGE_INVALID', `The challenge cannot be used (${code}); ask for a new one.`, {
      reason: { code },
    });
  }

  static presentationNotVerified(checks: unknown[]): CreditBankError {
    return new CreditBankError('PRESENTATION_NOT_VERIFIED', 'The presentation does not hold; nothing was stored.', { checks });
  }

  static depositNotVerified(index: number, report: unknown): CreditBankError {
    return new CreditBankError(
      'DEPOSIT_NOT_VERIFIED',
      `The credential at index ${index} did not verify with every check; nothing of the presentation was stored.`,
      { index, report },
    );
  }

  static notHolders(index: number): CreditBankError {
    return new CreditBankError(
      'DEPOSIT_NOT_HOLDERS',
      `The credential at index ${index} is not the presenting holder's; nothing of the presentation was stored.`,
      { index },
    );
  }

  static issuerNotTrusted(index: number, issuer: string): CreditBankError {
    return new CreditBankError(
      'DEPOSIT_ISSUER_NOT_TRUSTED',
      `The credential at index ${index} is issued by ${issuer}, which is not an institution of this alliance; nothing of the presentation was stored.`,
      { index, issuer },
    );
  }

  static duplicate(digests: string[]): CreditBankError {
    return new CreditBankError(
      'DEPOSIT_DUPLICATE',
      'The account holds a presented credential already; nothing of the presentation was stored.',
      { digests },
    );
  }

  static accountExists(accountId: string): CreditBankError {
    return new CreditBankError('CREDIT_ACCOUNT_EXISTS', `The holder has an account here already (${accountId}); deposit into it.`, {
      accountId,
    });
  }

  static accountNotFound(id: string): CreditBankError {
    return new CreditBankError('CREDIT_ACCOUNT_NOT_FOUND', `No credit account ${id} is visible to you.`);
  }

  static notAccountHolder(): CreditBankError {
    return new CreditBankError('NOT_ACCOUNT_HOLDER', "The presentation is not signed by the account's holder.");
  }

  static notPublished(id: string, version: number): CreditBankError {
    return new CreditBankError(
      'POLICY_NOT_PUBLISHED',
      `Version ${version} of the policy ${id} is not published; recognitions follow published versions only.`,
    );
  }

  static decisionNotFound(id: string): CreditBankError {
    return new CreditBankError('DECISION_NOT_FOUND', `No recognition decision ${id} is visible to you.`);
  }

  static alreadyDecided(id: string, state: string): CreditBankError {
    return new CreditBankError('DECISION_ALREADY_DECIDED', `The decision ${id} is ${state}, not a proposal waiting for a registrar.`);
  }

  static notDisputable(id: string, why: string): CreditBankError {
    return new CreditBankError('DECISION_NOT_DISPUTABLE', `The decision ${id} cannot be disputed: ${why}.`);
  }

  static disputeExists(decisionId: string): CreditBankError {
    return new CreditBankError('DISPUTE_EXISTS', `The decision ${decisionId} has an open dispute already.`);
  }

  static disputeNotFound(id: string): CreditBankError {
    return new CreditBankError('DISPUTE_NOT_FOUND', `No dispute ${id} is visible to you.`);
  }

  static panelInvalid(message: string): CreditBankError {
    return new CreditBankError('DISPUTE_PANEL_INVALID', message);
  }

  static notReviewer(): CreditBankError {
    return new CreditBankError('DISPUTE_NOT_REVIEWER', "You are not on this dispute's panel.");
  }

  static alreadyVoted(): CreditBankError {
    return new CreditBankError('DISPUTE_ALREADY_VOTED', 'You voted on this dispute already.');
  }

  static disputeDecided(id: string, state: string): CreditBankError {
    return new CreditBankError('DISPUTE_DECIDED', `The dispute ${id} is ${state} already.`);
  }

  static targetRequired(id: string): CreditBankError {
    return new CreditBankError(
      'DECISION_TARGET_REQUIRED',
      `The decision ${id} recognises nothing yet (a rule refused it): say what it is recognised as (\`target\`).`,
    );
  }

  static recognitionSourcesMismatch(digests: string[]): CreditBankError {
    return new CreditBankError(
      'RECOGNITION_SOURCES_MISMATCH',
      'The source credentials given are not those of the decision: give, for each of its sources, the deposited credential with that digest, and no other.',
      { digests },
    );
  }

  static recognitionSourceUnreadable(why: string): CreditBankError {
    return new CreditBankError('RECOGNITION_SOURCE_UNREADABLE', `A source credential does not read as a signed credential: ${why}`);
  }
}
