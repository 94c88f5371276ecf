import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { importSigningKey, type JwkKeyPair, signVpJwt } from '#identity';
import { EXAMPLE_POLICY_DIDS, exampleRecognitionPolicy, type RecognitionPolicy } from '#schemas';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import type { DemoInstitution } from './embedded-stack.js';
import { requestJson } from './issuer-client.js';

/** A demo member: its institution, the API key its registrar uses, and the did:key its approvals are signed with. */
interface DemoMember extends DemoInstitution {
  name: string;
  didWeb: string;
  approver: JwkKeyPair;
}

/**
 * What the first run has done so far, written after each step: an interrupted first run resumes
 * where it stopped instead of founding a second alliance or proposing the policy twice.
 */
interface DemoAllianceState {
  members: Partial<Record<MemberKey, DemoMember>>;
  allianceId?: string;
  policyId?: string;
  approvedBy: MemberKey[];
}

type MemberKey = keyof typeof EXAMPLE_POLICY_DIDS;

/** The published demo policy, as `npm start` prints it. */
export interface DemoAlliance {
  allianceId: string;
  policyId: string;
  /** The version's public JSON (approvals, publication, anchor receipt once anchored). */
  policyUrl: string;
  /** The version's public page. */
  policyPage: string;
  /** Where the members' API keys and approver keys are kept. */
  recordFile: string;
}

const OTHER_MEMBERS = [
  { key: 'college', name: 'Demo Vocational College', url: 'https://demo-college.example', role: 'institution' },
  { key: 'platform', name: 'Demo Online Platform', url: 'https://demo-platform.example', role: 'institution' },
  { key: 'authority', name: 'Demo Education Authority', url: 'https://demo-authority.example', role: 'authority' },
] as const;

/** Two approvals of the alliance's members publish a policy; the college and the authority give them. */
const REQUIRED_APPROVALS = 2;
const APPROVERS: MemberKey[] = ['college', 'authority'];

/**
 * On first run, through the public HTTP API as any client would: three more institutions, an
 * alliance the demo university founds with all four as members, each approving with a did:key of
 * its own, and the example recognition policy proposed by the university and approved by two
 * members, which publishes it. The state (API keys and approver secret keys) stays in `recordFile`
 * (mode 0600); later runs read it back and change nothing.
 */
export async function demoAlliance(
  recordFile: string,
  issuerUrl: string,
  adminToken: string,
  university: DemoInstitution,
  ca?: string,
): Promise<DemoAlliance> {
  const call = <T = unknown>(method: string, url: string, headers: Record<string, string>, body?: unknown) =>
    requestJson<T>(method, url, headers, body, ca);
  const state: DemoAllianceState = existsSync(recordFile)
    ? (JSON.parse(readFileSync(recordFile, 'utf8')) as DemoAllianceState)
    : { members: {}, approvedBy: [] };
  const save = () => writeFileSync(recordFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  const admin = { Authorization: `Bearer ${adminToken}` };
  const as = (member: DemoInstitution) => ({ Authorization: `Bearer ${member.apiKey}` });

  if (!state.members.university) {
    const { name, didWeb } = await call<{ name: string; didWeb: string }>(
      'GET',
      `${issuerUrl}/v1/admin/institutions/${university.id}`,
      admin,
    );
    state.members.university = { ...university, name, didWeb, approver: await newDidKey() };
    save();
  }
  for (const { key, name, url } of OTHER_MEMBERS) {
    if (state.members[key]) continue;
    const institution = await call<{ id: string; did: string; didWeb: string }>('POST', `${issuerUrl}/v1/admin/institutions`, admin, {
      name,
      url,
    });
    const { apiKey } = await call<{ apiKey: string }>('POST', `${issuerUrl}/v1/admin/institutions/${institution.id}/api-keys`, admin, {
      label: 'demo',
    });
    state.members[key] = {
      id: institution.id,
      did: institution.did,
      didWeb: institution.didWeb,
      apiKey,
      name,
      approver: await newDidKey(),
    };
    save();
  }
  const members = state.members as Record<MemberKey, DemoMember>;

  if (!state.allianceId) {
    const founded = await call<{ id: string }>('POST', `${issuerUrl}/v1/alliances`, as(members.university), {
      name: 'Demo Lifelong Learning Alliance',
      requiredApprovals: REQUIRED_APPROVALS,
      role: 'institution',
      approverDid: members.university.approver.controller,
    });
    state.allianceId = founded.id;
    save();
  }
  const alliance = await call<{ members: { institutionId: string }[] }>(
    'GET',
    `${issuerUrl}/v1/alliances/${state.allianceId}`,
    as(members.university),
  );
  for (const { key, role } of OTHER_MEMBERS) {
    if (alliance.members.some((member) => member.institutionId === members[key].id)) continue;
    await call('POST', `${issuerUrl}/v1/alliances/${state.allianceId}/members`, as(members.university), {
      institutionId: members[key].id,
      role,
      approverDid: members[key].approver.controller,
    });
  }

  if (!state.policyId) {
    const proposed = await call<{ id: string }>('POST', `${issuerUrl}/v1/alliances/${state.allianceId}/policies`, as(members.university), {
      policy: demoPolicy(members),
    });
    state.policyId = proposed.id;
    save();
  }

  const versionUrl = `${issuerUrl}/v1/policies/${state.policyId}/versions/1`;
  for (const key of APPROVERS) {
    if (state.approvedBy.includes(key)) continue;
    const { versions } = await call<{ versions: { version: number; digest: string; url: string }[] }>(
      'GET',
      `${issuerUrl}/v1/policies/${state.policyId}`,
      as(members[key]),
    );
    const { digest, url } = versions.find((version) => version.version === 1)!;
    const approver = await importSigningKey(members[key].approver);
    const approval = signVpJwt(
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: approver.controller },
      approver,
      { nonce: digest, aud: url },
    );
    await call('POST', `${versionUrl}/approvals`, as(members[key]), { approval });
    state.approvedBy.push(key);
    save();
  }

  return {
    allianceId: state.allianceId,
    policyId: state.policyId,
    policyUrl: versionUrl,
    policyPage: `${issuerUrl}/policies/${state.policyId}/versions/1`,
    recordFile,
  };
}

/**
 * The example policy for the demo university's programme, its source rules naming the demo
 * institutions by both their DIDs: a credential is issued under either, depending on its format.
 */
function demoPolicy(members: Record<MemberKey, DemoMember>): RecognitionPolicy {
  const policy = exampleRecognitionPolicy();
  const byExampleDid = new Map(Object.entries(EXAMPLE_POLICY_DIDS).map(([key, did]) => [did as string, members[key as MemberKey]]));
  policy.receivingInstitution = members.university.didWeb;
  for (const rule of policy.rules)
    for (const source of rule.sources)
      source.issuers = source.issuers?.flatMap((did) => {
        const member = byExampleDid.get(did);
        return member ? [member.did, member.didWeb] : [did];
      });
  return policy;
}

/** A fresh Ed25519 did:key: the member's registrar holds its secret half, never the service. */
async function newDidKey(): Promise<JwkKeyPair> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyJwk = publicKey.export({ format: 'jwk' });
  const secretKeyJwk = privateKey.export({ format: 'jwk' });
  // A did:key's method-specific id is its public key's Multikey form.
  const { publicKeyMultibase } = await Ed25519Multikey.fromJwk({ jwk: publicKeyJwk });
  const did = `did:key:${publicKeyMultibase}`;
  return { type: 'JsonWebKey', id: `${did}#${publicKeyMultibase}`, controller: did, publicKeyJwk, secretKeyJwk };
}
