import type { RecognitionTarget } from '#schemas';
import type { Grade, ProposedDecision, Refusal } from '../rules/recognition-input.js';
import type { DecisionEvent } from './decision-events.repository.js';
import type { DecisionRecord } from './recognition-decisions.repository.js';

export interface DecisionView {
  id: string;
  accountId: string;
  policy: { id: string; version: number };
  programmeId: string;
  rule: string | null;
  cardinality: string | null;
  deposits: string[];
  state: DecisionRecord['state'];
  target: RecognitionTarget | null;
  credits: number | null;
  framework: string | null;
  grade: Grade | null;
  reasonCode: string | null;
  reason: string | null;
  /** What the engine proposed or why it refused, as it said it. */
  proposal: ProposedDecision | Refusal;
  proposedAt: string;
  decidedAt: string | null;
  appealDeadline: string | null;
  /** The ids of the recognition credentials issued for it (one: a decision has one target; none until issued). */
  recognitionCredentials: { id: string; revoked: boolean }[];
  /** Every step, in order. */
  events: { action: DecisionEvent['action']; actor: string; details: Record<string, unknown>; recordedAt: string }[];
}

export function decisionView(decision: DecisionRecord, events: DecisionEvent[]): DecisionView {
  return {
    id: decision.id,
    accountId: decision.accountId,
    policy: { id: decision.policyId, version: decision.policyVersion },
    programmeId: decision.programmeId,
    rule: decision.rule,
    cardinality: decision.cardinality,
    deposits: decision.depositIds,
    state: decision.state,
    target: decision.target,
    credits: decision.credits,
    framework: decision.framework,
    grade: decision.grade,
    reasonCode: decision.reasonCode,
    reason: decision.reason,
    proposal: decision.proposal,
    proposedAt: decision.proposedAt.toISOString(),
    decidedAt: decision.decidedAt?.toISOString() ?? null,
    appealDeadline: decision.appealDeadline?.toISOString() ?? null,
    recognitionCredentials: decision.recognitionCredential?.issuedAt
      ? [{ id: decision.recognitionCredential.id, revoked: decision.recognitionCredential.revokedAt !== null }]
      : [],
    events: events
      .filter((event) => event.decisionId === decision.id)
      .map((event) => ({ action: event.action, actor: event.actor, details: event.details, recordedAt: event.recordedAt.toISOString() })),
  };
}
