import { type KeyResolver, verifyVpJwt } from '#identity';

/** Resolves approver DIDs' keys: did:key and did:jwk offline, did:ethr on the configured chain. */
export const APPROVAL_KEY_RESOLVER = Symbol('ApprovalKeyResolver');

/** `retry`: the approver's DID could not be resolved now (the chain did not answer); the approval may hold later. */
export type ApprovalCheck = { ok: true } | { ok: false; retry: boolean; reason: { code: string; message: string } };

/**
 * An approval is a `vp+jwt` presentation signed by the member's approver DID (a key it lists under
 * `authentication`), whose `nonce` is the digest of the version's text and whose `aud` is the
 * version's URL: it binds that member to that exact text of that version, and to nothing else.
 */
export async function checkApproval(
  approval: string,
  expected: { approverDid: string; digest: string; versionUrl: string },
  resolveKey: KeyResolver,
): Promise<ApprovalCheck> {
  const verification = await verifyVpJwt(approval, { resolveKey, nonce: expected.digest, audience: expected.versionUrl });
  if (verification.status !== 'valid')
    return { ok: false, retry: verification.status === 'error', reason: { code: verification.code, message: verification.message } };
  if (verification.signer !== expected.approverDid)
    return {
      ok: false,
      retry: false,
      reason: {
        code: 'SIGNER_NOT_APPROVER',
        message: `The approval is signed by ${verification.signer}; the member approves with ${expected.approverDid}.`,
      },
    };
  return { ok: true };
}
