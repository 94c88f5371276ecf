import { bodySchema } from '#service-kit';
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
