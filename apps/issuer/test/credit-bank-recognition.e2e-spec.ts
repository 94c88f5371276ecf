import { httpStatusOf } from '../../../test/reports.js';
import { importSigningKey, type SigningKey, signVpJwt } from '#identity';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { canonicalJson, digestMultibase, ECTS, validateClrCredential, validateRecognitionCredential } from '#schemas';
import { JsonRpcProvider } from 'ethers';
import {
  authOf,
  challengeFrom,
  changeStatus,
  createInstitution,
  didKeyPair,
  issueCredential,
  jwtOf,
  presentationOf,
  type TestInstitution,
} from '../../../test/factories/index.js';
import { postJson, startTestStack, type TestStack, testWorkerEnv } from '../../../test/stack.js';
import { testEnvironment } from '../../../test/test-environment.js';
import { until } from '../../../test/until.js';
import { InstitutionsService } from '../src/institutions/institutions.service.js';
import {
  type ConfirmedDecision,
  type DepositedSource,
  RecognitionCredentialsService,
} from '../src/credit-bank/recognition-credentials/recognition-credentials.service.js';

// Recognition credentials and transcripts go through the normal issuance path on the real stack:
// signed as ldp_vc by the receiving institution's did:web, in its status list, anchored, and
// verified by the verifier, which checks the sources a caller gives against their digests.

const WORKER = testWorkerEnv(LOCAL_CHAIN_FUNDED_KEYS[5], 1);
const provider = new JsonRpcProvider(testEnvironment().chainRpcUrl, testEnvironment().chainId, { staticNetwork: true });
const LEARNER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

let stack: TestStack;
let college: TestInstitution;
let platform: TestInstitution;
let university: TestInstitution;
let recognitions: RecognitionCredentialsService;
let institutions: InstitutionsService;

/** A source credential as the learner presented it, and as the credit bank deposits it: its exact bytes. */
interface Source {
  id: string;
  presented: string | Record<string, unknown>;
  deposited: DepositedSource;
  digest: string;
}

async function issueSource(
  issuer: TestInstitution,
  format: 'vc-jwt' | 'ldp_vc',
  achievement: object,
  amount: number,
  learner = LEARNER,
): Promise<Source> {
  const issued = await issueCredential(stack, issuer, {
    kind: 'credit',
    format,
    learner: { did: learner },
    achievement: {
      id: 'https://example.edu/courses/X',
      code: 'X',
      name: 'X',
      description: 'A course.',
      criteria: 'Passed.',
      ...achievement,
    },
    credits: { amount, unit: 'ECTS' },
  });
  const presented = format === 'vc-jwt' ? jwtOf(issued) : issued.verifiableCredential;
  const bytes = typeof presented === 'string' ? presented : canonicalJson(presented);
  return {
    id: issued.id,
    presented,
    deposited: { format, bytes, verifiedAt: '2026-06-20T09:00:00Z', checks: ['signature', 'status', 'anchor', 'issuer-trust'] },
    digest: digestMultibase(bytes),
  };
}

/** A decision as the engine proposes it and a registrar confirms it, made by hand (decisions are another feature). */
function decision(sources: Source[], overrides: Partial<ConfirmedDecision> = {}): ConfirmedDecision {
  return {
    rule: 'DB-N1',
    cardinality: 'n:1',
    deposits: sources.map((source) => source.id),
    sources: sources.map((source, i) => ({
      deposit: source.id,
      digest: source.digest,
      issuer: i === 0 ? college.did : platform.did,
      credits: { value: 3, framework: ECTS },
      convertedCredits: 3,
      grade: { scale: 'ects-letter', value: 'B' },
    })),
    target: { achievementId: 'https://university.example/courses/CS-210', name: 'Database Systems' },
    credits: 6,
    framework: ECTS,
    bySource: Object.fromEntries(sources.map((_, i) => [i === 0 ? college.did : platform.did, 6 / sources.length])),
    grade: { scale: 'ects-letter', value: 'B' },
    term: '2026-2',
    year: '2026',
    policy: { id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', version: 1 },
    decisionDate: '2026-07-01T10:00:00Z',
    expires: '2036-07-01T10:00:00Z',
    ...overrides,
  };
}

const verify = (verifiableCredential: unknown, options?: object) =>
  postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential, ...(options ? { options } : {}) });

const listed = async (institution: TestInstitution) =>
  (await (await fetch(`${stack.issuerUrl}/v1/credentials?limit=100`, { headers: authOf(institution) })).json()) as { id: string }[];

let databases: Source;
let mooc: Source;

beforeAll(async () => {
  stack = await startTestStack(WORKER, { STATUS_LIST_CACHE_SECONDS: '0' });
  college = await createInstitution(stack, { name: 'Example Vocational College' });
  platform = await createInstitution(stack, { name: 'Example Online Platform' });
  university = await createInstitution(stack, { name: 'University of Example' });
  recognitions = stack.issuerApp.get(RecognitionCredentialsService);
  institutions = stack.issuerApp.get(InstitutionsService);
  databases = await issueSource(college, 'vc-jwt', { id: 'https://college.example/courses/DB-1', code: 'DB-1', name: 'Databases I' }, 3);
  mooc = await issueSource(platform, 'ldp_vc', { id: 'https://platform.example/moocs/DB-2', code: 'DB-2', name: 'Databases II' }, 3);
});

afterAll(async () => {
  await stack?.close();
  provider.destroy();
});

describe('a recognition credential', () => {
  let issued: { id: string; verifiableCredential: Record<string, any> };

  beforeAll(async () => {
    issued = await recognitions.issueRecognitionCredential(await institutions.get(university.id), {
      learner: { did: LEARNER },
      decision: decision([databases, mooc]),
      sources: [mooc.deposited, databases.deposited],
    });
  });

  it('is issued as ldp_vc by the receiving institution did:web, citing each source by the digest of its exact bytes', async () => {
    const credential = issued.verifiableCredential;
    expect(credential.issuer.id).toBe(university.didWeb);
    expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(credential.relatedResource).toEqual([
      { id: databases.id, digestMultibase: databases.digest, mediaType: 'application/jwt' },
      { id: mooc.id, digestMultibase: mooc.digest, mediaType: 'application/vc' },
    ]);
    expect(credential.evidence.map((entry: { id: string }) => entry.id)).toEqual(
      credential.relatedResource.map((r: { id: string }) => r.id),
    );
    expect(credential.credentialSubject.recognition).toMatchObject({
      recognitionType: 'transfer',
      recognitionPolicy: `${stack.issuerUrl}/v1/policies/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/versions/1`,
      policyVersion: 1,
      recognitionRule: 'DB-N1',
      cardinality: 'n:1',
      recognitionSource: [
        expect.objectContaining({ sourceAchievement: 'https://college.example/courses/DB-1', sourceGrade: 'B' }),
        expect.objectContaining({ sourceAchievement: 'https://platform.example/moocs/DB-2' }),
      ],
    });
    expect(validateRecognitionCredential(credential)).toEqual([]);
    expect((await listed(university)).map((entry) => entry.id)).toContain(issued.id);
  });

  it('is anchored like any credential, and verifies on the verifier with every check', async () => {
    await until(
      async () => (await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(issued.id)}`)).status === 200,
      'the anchor receipt',
      {
        mining: provider,
      },
    );
    const { status, body } = await verify(issued.verifiableCredential);
    expect(status).toBe(200);
    expect(body.checks.filter((check: { status: string }) => check.status !== 'valid')).toEqual([]);
    expect(body.verdict).toBe('verified');
  });

  it('is refused with RECOGNITION_SOURCES_MISMATCH when a source is not the one the decision names, and nothing is stored', async () => {
    const before = await listed(university);
    const other = await issueSource(
      college,
      'vc-jwt',
      { id: 'https://college.example/courses/OS-1', code: 'OS-1', name: 'Operating Systems' },
      3,
    );
    await expect(
      recognitions.issueRecognitionCredential(await institutions.get(university.id), {
        learner: { did: LEARNER },
        decision: decision([databases, mooc]),
        sources: [databases.deposited, other.deposited],
      }),
    ).rejects.toMatchObject({ code: 'RECOGNITION_SOURCES_MISMATCH' });
    expect(await listed(university)).toEqual(before);
  });

  it('is refused with CREDENTIAL_SCHEMA_INVALID in a credit framework no credit reader knows, and nothing is stored', async () => {
    const before = await listed(university);
    await expect(
      recognitions.issueRecognitionCredential(await institutions.get(university.id), {
        learner: { did: LEARNER },
        decision: decision([databases, mooc], { framework: 'https://credits.example/units/hours' }),
        sources: [databases.deposited, mooc.deposited],
      }),
    ).rejects.toMatchObject({ code: 'CREDENTIAL_SCHEMA_INVALID' });
    expect(await listed(university)).toEqual(before);
  });

  it('is one per target course for a 1:n decision, each citing the same source', async () => {
    const university_ = await institutions.get(university.id);
    const [first, second]: { verifiableCredential: Record<string, any> }[] = await Promise.all(
      ['CS-101', 'CS-102'].map((code) =>
        recognitions.issueRecognitionCredential(university_, {
          learner: { did: LEARNER },
          decision: decision([databases], {
            cardinality: '1:n',
            rule: 'DB-1N',
            target: { achievementId: `https://university.example/courses/${code}`, name: code, credits: 3 },
            credits: 3,
          }),
          sources: [databases.deposited],
        }),
      ),
    );
    expect(first.verifiableCredential.credentialSubject.achievement.id).not.toBe(
      second.verifiableCredential.credentialSubject.achievement.id,
    );
    expect(first.verifiableCredential.relatedResource).toEqual(second.verifiableCredential.relatedResource);
    expect((await verify(first.verifiableCredential)).body.verdict).toBe('verified');
  });
});

describe('a CLR 2.0 transcript', () => {
  it('embeds the own course and the recognition credentials whole, associates sources by exactMatchOf, validates and verifies', async () => {
    const receiving = await institutions.get(university.id);
    const recognition = await recognitions.issueRecognitionCredential(receiving, {
      learner: { did: LEARNER },
      decision: decision([databases, mooc]),
      sources: [databases.deposited, mooc.deposited],
    });
    const own = await issueCredential(stack, university, { kind: 'credit', learner: { did: LEARNER } });
    const members = [own.verifiableCredential, recognition.verifiableCredential];
    const transcript = await recognitions.issueTranscript(receiving, {
      learner: { did: LEARNER },
      programme: {
        id: 'https://university.example/programmes/BSc-CS',
        name: 'BSc Computer Science',
        description: 'A three-year bachelor programme in computer science.',
        achievementType: 'BachelorDegree',
      },
      credentials: members,
    });
    const clr: Record<string, any> = transcript.verifiableCredential;
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(clr.credentialSubject.verifiableCredential).toEqual(members);
    expect(clr.credentialSubject.association).toEqual(
      expect.arrayContaining([
        {
          type: 'Association',
          associationType: 'exactMatchOf',
          sourceId: 'https://college.example/courses/DB-1',
          targetId: 'https://university.example/courses/CS-210',
        },
        {
          type: 'Association',
          associationType: 'exactMatchOf',
          sourceId: 'https://platform.example/moocs/DB-2',
          targetId: 'https://university.example/courses/CS-210',
        },
      ]),
    );
    expect(validateClrCredential(clr)).toEqual([]);
    const { body } = await verify(clr);
    expect(body.checks.filter((check: { status: string }) => !['valid', 'skipped'].includes(check.status))).toEqual([]);
    expect(body.verdict).toBe('verified');
    for (const member of members) expect((await verify(member)).body.verdict).toBe('verified');
  });
});

describe('the verifier, given the sources of a recognition credential', () => {
  let recognition: Record<string, any>;
  let revocable: Source;

  beforeAll(async () => {
    revocable = await issueSource(college, 'vc-jwt', { id: 'https://college.example/courses/SQL-1', code: 'SQL-1', name: 'SQL' }, 3);
    recognition = (
      await recognitions.issueRecognitionCredential(await institutions.get(university.id), {
        learner: { did: LEARNER },
        decision: decision([revocable, mooc]),
        sources: [revocable.deposited, mooc.deposited],
      })
    ).verifiableCredential;
  });

  const lines = (body: any) =>
    body.recognition.sources.map((line: any) => [line.cited?.id ?? `given ${line.given}`, line.status, line.reason?.code]);

  it('lists the sources the recognition cites, without checking any when none is given', async () => {
    const { body } = await verify(recognition);
    expect(body.verdict).toBe('verified');
    expect(body.recognition.sources).toEqual([
      expect.objectContaining({
        check: 'source',
        status: 'skipped',
        cited: { id: revocable.id, name: expect.stringContaining('SQL'), digestMultibase: revocable.digest, mediaType: 'application/jwt' },
      }),
      expect.objectContaining({
        cited: expect.objectContaining({ id: mooc.id, digestMultibase: mooc.digest, mediaType: 'application/vc' }),
      }),
    ]);
    expect(lines(body)).toEqual([
      [revocable.id, 'skipped', 'SOURCE_NOT_PROVIDED'],
      [mooc.id, 'skipped', 'SOURCE_NOT_PROVIDED'],
    ]);
    const page = await fetch(`${stack.verifierUrl}/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ credential: JSON.stringify(recognition) }).toString(),
    });
    const text = await page.text();
    expect(text).toContain('Recognised from');
    expect(text).toContain(revocable.digest);
    expect(text).toContain(mooc.digest);
  });

  it('verifies each source given as the learner presented it (a VC-JWT, a Data Integrity document), matched by digest', async () => {
    const { body } = await verify(recognition, { sources: [mooc.presented, revocable.presented] });
    expect(lines(body)).toEqual([
      [revocable.id, 'valid', undefined],
      [mooc.id, 'valid', undefined],
    ]);
    expect(body.recognition.sources.map((line: any) => [line.given, line.verification.verdict])).toEqual([
      [1, 'verified'],
      [0, 'verified'],
    ]);
    expect(body.verdict).toBe('verified');
  });

  it('fails a tampered source (its id, other bytes) with SOURCE_DIGEST_MISMATCH', async () => {
    const tampered = { ...(mooc.presented as Record<string, unknown>), name: 'Databases II with distinction' };
    const { body } = await verify(recognition, { sources: [revocable.presented, tampered] });
    expect(lines(body)).toEqual([
      [revocable.id, 'valid', undefined],
      [mooc.id, 'invalid', 'SOURCE_DIGEST_MISMATCH'],
    ]);
    expect(body.verdict).toBe('failed');
  });

  it('fails a swapped source (another genuine credential in its place) with SOURCE_NOT_CITED', async () => {
    const { body } = await verify(recognition, { sources: [revocable.presented, databases.presented] });
    expect(lines(body)).toEqual([
      [revocable.id, 'valid', undefined],
      [mooc.id, 'skipped', 'SOURCE_NOT_PROVIDED'],
      ['given 1', 'invalid', 'SOURCE_NOT_CITED'],
    ]);
    expect(body.verdict).toBe('failed');
  });

  it('shows a source its issuer revoked since: SOURCE_NOT_VERIFIED with its own report, and the recognition fails', async () => {
    const revoked = await changeStatus(stack, college, revocable.id, 'revoked', 'Grade withdrawn after appeal');
    expect(revoked.status).toBe(200);
    const { body } = await verify(recognition, { sources: [revocable.presented, mooc.presented] });
    expect(lines(body)).toEqual([
      [revocable.id, 'invalid', 'SOURCE_NOT_VERIFIED'],
      [mooc.id, 'valid', undefined],
    ]);
    const source = body.recognition.sources[0];
    expect(source.reason.message).toContain('CREDENTIAL_REVOKED');
    expect(source.verification.checks).toContainEqual(expect.objectContaining({ check: 'status', status: 'invalid' }));
    expect(body.checks.every((check: { status: string }) => check.status !== 'invalid')).toBe(true);
    expect(body.verdict).toBe('failed');
  });

  it('refuses more than 20 sources in one request', async () => {
    const { status, body } = await verify(recognition, { sources: Array.from({ length: 21 }, () => revocable.presented) });
    expect([status, body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
  });
});

describe('the verifier, given a recognition credential with its sources in one presentation', () => {
  const SCHOOL = 'admissions.employer.example';
  let wallet: SigningKey;
  let studentDid: string;

  beforeAll(async () => {
    wallet = await importSigningKey(await didKeyPair('Ed25519'));
    studentDid = wallet.controller;
  });

  /** The student's wallet: a vp+jwt over the credentials (a VC-JWT enveloped), answering the verifier's challenge. */
  async function present(credentials: unknown[]): Promise<any> {
    const enveloped = credentials.map((credential) =>
      typeof credential === 'string'
        ? {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: 'EnvelopedVerifiableCredential',
            id: `data:application/jwt,${credential}`,
          }
        : credential,
    );
    const challenge = await challengeFrom(stack.verifierUrl, SCHOOL);
    const verifiablePresentation = signVpJwt(presentationOf(studentDid, enveloped), wallet, { nonce: challenge, aud: SCHOOL });
    const { status, body } = await postJson(`${stack.verifierUrl}/presentations/verify`, { verifiablePresentation, options: {} });
    expect(status).toBe(httpStatusOf(body));
    return body;
  }

  it('checks the recognition against the other credentials presented, without verifying any twice', async () => {
    const jwt = await issueSource(
      college,
      'vc-jwt',
      { id: 'https://college.example/courses/NET-1', code: 'NET-1', name: 'Networks' },
      3,
      studentDid,
    );
    const ldp = await issueSource(
      platform,
      'ldp_vc',
      { id: 'https://platform.example/moocs/NET-2', code: 'NET-2', name: 'Networks II' },
      3,
      studentDid,
    );
    const recognition = (
      await recognitions.issueRecognitionCredential(await institutions.get(university.id), {
        learner: { did: studentDid },
        decision: decision([jwt, ldp], {
          target: { achievementId: 'https://university.example/courses/CS-230', name: 'Computer Networks' },
        }),
        sources: [jwt.deposited, ldp.deposited],
      })
    ).verifiableCredential;
    const unrelated = await issueSource(
      college,
      'vc-jwt',
      { id: 'https://college.example/courses/ART-1', code: 'ART-1', name: 'Art' },
      3,
      studentDid,
    );

    const whole = await present([recognition, unrelated.presented, ldp.presented, jwt.presented]);
    expect(whole.verdict).toBe('verified');
    expect(whole.credentials[0].recognition.sources.map((line: any) => [line.cited.id, line.given, line.status])).toEqual([
      [jwt.id, 3, 'valid'],
      [ldp.id, 2, 'valid'],
    ]);

    const tampered = { ...(ldp.presented as Record<string, unknown>), name: 'Networks II with distinction' };
    const partial = await present([recognition, jwt.presented, tampered]);
    expect(partial.credentials[0].recognition.sources.map((line: any) => [line.cited.id, line.status, line.reason?.code])).toEqual([
      [jwt.id, 'valid', undefined],
      [ldp.id, 'invalid', 'SOURCE_DIGEST_MISMATCH'],
    ]);
    expect(partial.credentials[0].verdict).toBe('failed');
    expect(partial.verdict).toBe('failed');
  });
});
