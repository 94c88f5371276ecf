import { type Learner, learnerSchema } from '#schemas';
import { bodySchema } from '#service-kit';
import type { EditRequest } from './decisions/recognition-decisions.service.js';
import type { Vote } from './disputes/dispute-votes.repository.js';
import { MEMBER_ROLES, type MemberRole } from './alliances/alliance-members.repository.js';

/**
 * The DIDs a member may approve with: did:key and did:jwk (computed from the identifier) and did:ethr
 * on the configured chain. The issuer resolves them without fetching anything from the web.
 */
const approverDid = { type: 'string', format: 'resolvable-did', pattern: '^did:(key|jwk|ethr):', maxLength: 2000 } as const;
const role = { type: 'string', enum: MEMBER_ROLES } as const;

export interface CreateAllianceRequest {
  name: string;
  /** k: how many members' approvals publish a policy version. */
  requiredApprovals: number;
  /** The founder's own membership. */
  role: MemberRole;
  approverDid: string;
}

export const createAllianceBody = bodySchema<CreateAllianceRequest>({
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, readableText: true },
    requiredApprovals: { type: 'integer', minimum: 1, maximum: 100 },
    role,
    approverDid,
  },
  required: ['name', 'requiredApprovals', 'role', 'approverDid'],
  additionalProperties: false,
} as never);

export interface AddMemberRequest {
  institutionId: string;
  role: MemberRole;
  approverDid: string;
}

export const addMemberBody = bodySchema<AddMemberRequest>({
  type: 'object',
  properties: { institutionId: { type: 'string', format: 'uuid' }, role, approverDid },
  required: ['institutionId', 'role', 'approverDid'],
  additionalProperties: false,
} as never);

/** The policy is checked by its own schema in the service, so its violations come as POLICY_INVALID. */
export interface ProposePolicyRequest {
  policy: unknown;
}

export const proposePolicyBody = bodySchema<ProposePolicyRequest>({
  type: 'object',
  properties: { policy: {} },
  required: ['policy'],
  additionalProperties: false,
} as never);

export interface ApprovePolicyRequest {
  /** A `vp+jwt` by the member's approver DID: `nonce` the version's digest, `aud` the version's URL. */
  approval: string;
}

export const approvePolicyBody = bodySchema<ApprovePolicyRequest>({
  type: 'object',
  properties: { approval: { type: 'string', minLength: 1, maxLength: 20_000 } },
  required: ['approval'],
  additionalProperties: false,
} as never);

/** A presentation as the verifier's `POST /presentations/verify` takes it: a VP-JWT or `vp+jwt` string, or a Data Integrity object. */
const presentation = {
  oneOf: [
    { type: 'string', minLength: 1, maxLength: 400_000 },
    { type: 'object', required: ['type'] },
  ],
} as const;
const challenge = { type: 'string', minLength: 1, maxLength: 200 } as const;
const readable = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, readableText: true }) as const;

export interface LearnerPresentationRequest {
  challenge: string;
  presentation: unknown;
  learner?: Learner;
}

export const learnerPresentationBody = bodySchema<LearnerPresentationRequest>({
  type: 'object',
  properties: { challenge, presentation, learner: learnerSchema },
  required: ['challenge', 'presentation'],
  additionalProperties: false,
} as never);

export interface HolderProofRequest {
  challenge: string;
  /** A `vp+jwt` signed by the account's holder DID: `nonce` the challenge, `aud` this issuer's public URL. */
  proof: string;
}

const holderProof = { challenge, proof: { type: 'string', minLength: 1, maxLength: 20_000 } } as const;

export const holderProofBody = bodySchema<HolderProofRequest>({
  type: 'object',
  properties: holderProof,
  required: ['challenge', 'proof'],
  additionalProperties: false,
} as never);

export interface OpenDisputeRequest extends HolderProofRequest {
  decisionId: string;
  statement: string;
}

export const openDisputeBody = bodySchema<OpenDisputeRequest>({
  type: 'object',
  properties: { ...holderProof, decisionId: { type: 'string', format: 'uuid' }, statement: readable(4000) },
  required: ['challenge', 'proof', 'decisionId', 'statement'],
  additionalProperties: false,
} as never);

export interface ProposeRecognitionsRequest {
  policyId: string;
  version: number;
}

export const proposeRecognitionsBody = bodySchema<ProposeRecognitionsRequest>({
  type: 'object',
  properties: { policyId: { type: 'string', format: 'uuid' }, version: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
  required: ['policyId', 'version'],
  additionalProperties: false,
} as never);

const grade = {
  type: 'object',
  properties: { scale: readable(100), value: readable(50) },
  required: ['scale', 'value'],
  additionalProperties: false,
} as const;

export const editDecisionBody = bodySchema<EditRequest>({
  type: 'object',
  properties: {
    credits: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
    grade,
    target: {
      type: 'object',
      properties: {
        achievementId: { type: 'string', minLength: 1, maxLength: 2000 },
        bucket: readable(100),
        name: readable(300),
      },
      required: ['name'],
      anyOf: [{ required: ['achievementId'] }, { required: ['bucket'] }],
      additionalProperties: false,
    },
    reason: readable(4000),
  },
  required: ['credits', 'reason'],
  additionalProperties: false,
} as never);

export interface ReasonRequest {
  reason: string;
}

export const refuseDecisionBody = bodySchema<ReasonRequest>({
  type: 'object',
  properties: { reason: readable(4000) },
  required: ['reason'],
  additionalProperties: false,
} as never);

export interface NamePanelRequest {
  /** Institution ids of alliance members. */
  reviewers: string[];
}

export const namePanelBody = bodySchema<NamePanelRequest>({
  type: 'object',
  properties: { reviewers: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 25 } },
  required: ['reviewers'],
  additionalProperties: false,
} as never);

export interface VoteRequest {
  vote: Vote;
  reason: string;
}

export const voteBody = bodySchema<VoteRequest>({
  type: 'object',
  properties: { vote: { type: 'string', enum: ['uphold', 'dismiss'] }, reason: readable(4000) },
  required: ['vote', 'reason'],
  additionalProperties: false,
} as never);
