import { addressResolver } from '../../test/address-resolver.js';
import { quietLogger } from '../../test/quiet-logger.js';
import { SignatureVerifier } from '../signatures/signature-verifier.js';
import { HolderSignatureCheck } from './checks/holder-signature.check.js';
import type { CredentialVerifier, VerificationReport } from '../credentials/credential-verifier.js';
import type { CheckResult, CheckStatus } from '../pipeline/check.js';
import type { ChallengeStore, ChallengeUse } from './challenge-store.js';
import { PresentationVerifier } from './presentation-verifier.js';
import { ethrHolder } from '../../../../test/factories/keys.js';
import { vpJwt } from '../../../../test/factories/presentations.js';
import { checkLines } from '../../../../test/reports.js';

const SCHOOL = 'admissions.school.example';
const { wallet: student, did: holder } = ethrHolder();

/** Challenges as the test hands them out: each usable once, for the school. */
function challenges(...open: string[]): ChallengeStore & { used: string[] } {
  const used: string[] = [];
  return {
    used,
    use: async (challenge): Promise<ChallengeUse> => {
      if (!open.includes(challenge) || used.includes(challenge)) return { ok: false, code: 'CHALLENGE_UNKNOWN' };
      used.push(challenge);
      return { ok: true, domain: SCHOOL };
    },
  };
}

/** A presented credential, as a JWT whose payload segment names the status its signature check gets. */
const credential = (signature: CheckStatus) => `e30.${signature}.c2ln`;

/** A credential verification that reports each presented credential with the signature status it names. */
function credentialsFake() {
  const verified: unknown[] = [];
  const fake = {
    deadlineFromNow: () => Date.now() + 5000,
    verify: async (entry: unknown) => {
      verified.push(entry);
      const signature = (entry as string).split('.')[1] as CheckStatus;
      const checks: CheckResult<'format' | 'signature'>[] = [
        { check: 'format', status: 'valid' },
        {
          check: 'signature',
          status: signature,
          ...(signature === 'valid' ? {} : { reason: { code: 'SIGNATURE_INVALID', message: 'forged' } }),
        },
      ];
      const report: VerificationReport = {
        verdict: signature === 'valid' ? 'verified' : 'failed',
        verified: signature === 'valid',
        checks,
        warnings: [],
      };
      return { report, credential: { credential: { credentialSubject: { id: holder } } } };
    },
  };
  return { verifier: fake as unknown as CredentialVerifier, verified };
}

function verifierWith(store: ChallengeStore, credentials = credentialsFake().verifier) {
  return new PresentationVerifier(credentials, new HolderSignatureCheck(new SignatureVerifier({ resolver: addressResolver })), store, {
    clockSkewSeconds: 300,
    logger: quietLogger,
  });
}

const present = (signatures: CheckStatus[], nonce: string, { signer = student, aud = SCHOOL } = {}) =>
  vpJwt(signatures.map(credential), nonce, { aud, signer, holder });

describe('PresentationVerifier', () => {
  it('verifies the presentation, then each credential inside with its holder check', async () => {
    const store = challenges('c1');
    const { verifier: credentials, verified } = credentialsFake();
    const { report } = await verifierWith(store, credentials).verify(await present(['valid', 'valid'], 'c1'), {
      challenge: 'c1',
      domain: SCHOOL,
    });
    expect(checkLines(report.checks)).toEqual([
      ['format', 'valid', undefined],
      ['holder-signature', 'valid', undefined],
      ['challenge', 'valid', undefined],
      ['domain', 'valid', undefined],
      ['validity-period', 'valid', undefined],
    ]);
    expect(verified).toEqual([credential('valid'), credential('valid')]);
    expect(report.credentials.map((credential) => credential.holder)).toEqual([{ status: 'valid' }, { status: 'valid' }]);
    expect(report).toMatchObject({ verdict: 'verified', holder });
  });

  it('takes no challenge and checks no domain when the holder signature fails, and verifies no credential', async () => {
    const store = challenges('c1');
    const { verifier: credentials, verified } = credentialsFake();
    const forged = await present(['valid'], 'c1', { signer: ethrHolder().wallet });
    const { report } = await verifierWith(store, credentials).verify(forged);
    expect(checkLines(report.checks).slice(1, 4)).toEqual([
      ['holder-signature', 'invalid', 'SIGNATURE_INVALID'],
      ['challenge', 'skipped', 'CHALLENGE_NOT_CHECKED'],
      ['domain', 'skipped', 'DOMAIN_NOT_CHECKED'],
    ]);
    expect(store.used).toEqual([]);
    expect(verified).toEqual([]);
    expect(report).toMatchObject({ verdict: 'failed', credentials: [] });
  });

  it('checks no domain for a challenge it does not know, and uses a challenge up once', async () => {
    const verifier = verifierWith(challenges('c1'));
    expect(checkLines((await verifier.verify(await present(['valid'], 'c2'))).report.checks).slice(2, 4)).toEqual([
      ['challenge', 'invalid', 'CHALLENGE_UNKNOWN'],
      ['domain', 'skipped', 'DOMAIN_NOT_CHECKED'],
    ]);
    expect((await verifier.verify(await present(['valid'], 'c1'))).report.verdict).toBe('verified');
    expect(checkLines((await verifier.verify(await present(['valid'], 'c1'))).report.checks)[2]).toEqual([
      'challenge',
      'invalid',
      'CHALLENGE_UNKNOWN',
    ]);
  });

  it("takes the challenge from the store a verification names (a request's own nonce), not the verifier's", async () => {
    const own = challenges('c1');
    const request = challenges('n1');
    const verifier = verifierWith(own);
    const { report } = await verifier.verify(await present(['valid'], 'n1'), { challenge: 'n1', domain: SCHOOL, challenges: request });
    expect(report.verdict).toBe('verified');
    expect([own.used, request.used]).toEqual([[], ['n1']]);
    const elsewhere = await verifier.verify(await present(['valid'], 'c1'), { challenges: request });
    expect(checkLines(elsewhere.report.checks)[2]).toEqual(['challenge', 'invalid', 'CHALLENGE_UNKNOWN']);
    expect(own.used).toEqual([]);
  });

  it('fails a presentation addressed to another domain than its challenge was handed to', async () => {
    const { report } = await verifierWith(challenges('c1')).verify(await present(['valid'], 'c1', { aud: 'elsewhere.example' }));
    expect(checkLines(report.checks)[3]).toEqual(['domain', 'invalid', 'DOMAIN_MISMATCH']);
  });

  it('does not say whose a credential is when its own signature fails', async () => {
    const { report } = await verifierWith(challenges('c1')).verify(await present(['valid', 'invalid'], 'c1'));
    expect(report.credentials.map((credential) => [credential.holder.status, credential.holder.reason?.code])).toEqual([
      ['valid', undefined],
      ['skipped', 'HOLDER_NOT_CHECKED'],
    ]);
    expect(report.verdict).toBe('failed');
  });
});
