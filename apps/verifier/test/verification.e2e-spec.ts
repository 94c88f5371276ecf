import { createJWT, ES256KSigner, hexToBytes } from 'did-jwt';
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import {
  createInstitution,
  didOf,
  issueCredential,
  selfSignedCredential,
  type TestInstitution,
  type TestSigner,
} from '../../../test/factories/index.js';
import { listeningVerifier, postJson, startTestStack, type TestStack } from '../../../test/stack.js';
import { highSTwin } from '../../../test/high-s-twin.js';
import { startSlowServer } from '../../../test/slow-server.js';
import { testEnvironment } from '../../../test/test-environment.js';

let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack();
  institution = await createInstitution(stack);
});

afterAll(() => stack.close());

const verify = (verifiableCredential: unknown) => postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential });

const issued = async () => (await issueCredential(stack, institution, { format: 'vc-jwt' })).verifiableCredential;

function statusOf(report: { checks: { check: string; status: string; reason?: { code: string } }[] }, check: string) {
  const found = report.checks.find((c) => c.check === check);
  return found && { status: found.status, code: found.reason?.code };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString());

/** A credential signed by a did:ethr we hold, with our own claims on top. */
const selfSigned = (claims: Record<string, unknown>, wallet?: TestSigner) => selfSignedCredential({ claims, wallet });

it("verifies a credential its institution's did:ethr signed, resolved on the chain", async () => {
  const report = (await verify(await issued())).body;
  expect(report.verdict).toBe('verified');
});

describe('the HTTP status of a verification (W3C VC-API)', () => {
  const shape = (report: Record<string, unknown>) => Object.keys(report).sort();

  it('answers 200 for a verified credential and 400 for a failed one, with the same report', async () => {
    const jwt: string = (await issued()).proof.jwt;
    const verified = await verify(jwt);
    expect([verified.status, verified.body.verdict, verified.body.verified]).toEqual([200, 'verified', true]);
    const [header, payload, signature] = jwt.split('.');
    const claims = decode(payload);
    claims.vc.credentialSubject.result[0].value = 'A+';
    const failed = await verify(`${header}.${b64url(claims)}.${signature}`);
    expect([failed.status, failed.body.verdict, failed.body.verified]).toEqual([400, 'failed', false]);
    expect(statusOf(failed.body, 'signature')).toEqual({ status: 'invalid', code: 'SIGNATURE_INVALID' });
    expect(shape(failed.body)).toEqual(shape(verified.body));
  });

  it('answers 400 with the report for a credential a suite strips a required member from', async () => {
    const credential = await issued();
    const { '@context': _context, ...withoutContext } = credential;
    const failed = await verify(withoutContext);
    expect([failed.status, failed.body.verdict]).toEqual([400, 'failed']);
    expect(failed.body.checks.length).toBeGreaterThan(0);
  });

  it('keeps the page a 200 for people whatever the verdict: the page says it is not valid', async () => {
    const [header, payload, signature] = ((await issued()).proof.jwt as string).split('.');
    const claims = decode(payload);
    claims.vc.credentialSubject.result[0].value = 'A+';
    const page = await fetch(`${stack.verifierUrl}/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ credential: `${header}.${b64url(claims)}.${signature}` }),
    });
    expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
    expect(/<strong id="verdict">([^<]*)<\/strong>/.exec(await page.text())?.[1]).toBe('Not valid');
  });

  it("answers 200 with verified false for an indeterminate credential: not the caller's fault, and it may verify later", async () => {
    const indeterminate = await verify(await selfSigned({}));
    expect([indeterminate.status, indeterminate.body.verdict, indeterminate.body.verified]).toEqual([200, 'indeterminate', false]);
  });
});

describe('signature', () => {
  it('fails a tampered payload', async () => {
    const [header, payload, signature] = (await issued()).proof.jwt.split('.');
    const claims = decode(payload);
    claims.vc.credentialSubject.result[0].value = 'A+';
    const report = (await verify(`${header}.${b64url(claims)}.${signature}`)).body;
    expect(statusOf(report, 'signature')).toEqual({ status: 'invalid', code: 'SIGNATURE_INVALID' });
    expect(report.verdict).toBe('failed');
  });

  it('fails a flipped signature', async () => {
    const jwt: string = (await issued()).proof.jwt;
    const signature = Buffer.from(jwt.split('.')[2], 'base64url');
    signature[10] ^= 0x01;
    const report = (await verify(jwt.split('.').slice(0, 2).join('.') + '.' + signature.toString('base64url'))).body;
    expect(statusOf(report, 'signature')?.status).toBe('invalid');
    expect(report.verdict).toBe('failed');
  });

  it('fails the high-S twin of a genuine credential: ECDSA accepts both, this verifier only the low-S one', async () => {
    const jwt: string = (await issued()).proof.jwt;
    expect(statusOf((await verify(jwt)).body, 'signature')).toEqual({ status: 'valid', code: undefined });
    const report = (await verify(highSTwin(jwt))).body;
    expect(statusOf(report, 'signature')).toEqual({ status: 'invalid', code: 'SIGNATURE_HIGH_S' });
    expect(report.verdict).toBe('failed');
  });

  it('fails `alg: none`', async () => {
    const [, payload] = (await issued()).proof.jwt.split('.');
    const unsigned = (await verify(`${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`)).body;
    expect(statusOf(unsigned, 'format')).toEqual({ status: 'invalid', code: 'FORMAT_UNSIGNED_JWT' });
    expect(unsigned.verdict).toBe('failed');
    const [, , signature] = (await issued()).proof.jwt.split('.');
    const relabelled = (await verify(`${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`)).body;
    expect(statusOf(relabelled, 'signature')).toEqual({ status: 'invalid', code: 'SIGNATURE_ALGORITHM_NOT_ACCEPTED' });
  });

  it('fails a JWT that names another institution as issuer than the key that signed it', async () => {
    const other = await createInstitution(stack, { name: 'Other University' });
    const jwt = await selfSigned({ iss: other.did });
    // createJWT sets iss from its options; rewrite the payload's iss and keep the original signature.
    const [header, payload, signature] = jwt.split('.');
    const claims = { ...decode(payload), iss: other.did };
    const report = (await verify(`${header}.${b64url(claims)}.${signature}`)).body;
    expect(statusOf(report, 'signature')?.status).toBe('invalid');
  });

  it('fails an issuer DID of a network this verifier does not know', async () => {
    const wallet = Wallet.createRandom();
    const did = `did:ethr:0x1:${wallet.address}`;
    const jwt = await createJWT(
      { vc: { '@context': [], type: [], credentialSubject: {} } },
      { issuer: did, signer: ES256KSigner(hexToBytes(wallet.privateKey)) },
      { alg: 'ES256K' },
    );
    const report = (await verify(jwt)).body;
    expect(statusOf(report, 'signature')).toEqual({ status: 'invalid', code: 'ISSUER_DID_UNRESOLVABLE' });
  });
});

describe('signed payload', () => {
  it('fails an outer JSON that differs from the signed JWT', async () => {
    const credential = await issued();
    credential.credentialSubject.result[0].value = 'A+';
    const report = (await verify(credential)).body;
    expect(statusOf(report, 'signature')?.status).toBe('valid');
    expect(statusOf(report, 'signed-payload')).toEqual({ status: 'invalid', code: 'OUTER_JSON_DIFFERS_FROM_SIGNED' });
    expect(report.verdict).toBe('failed');
  });
});

describe('validity period', () => {
  it('fails an expired credential', async () => {
    // The issuer refuses an expiry before the issuance date, so this one is signed by hand.
    const report = (await verify(await selfSigned({ exp: Math.floor(Date.now() / 1000) - 3600 }))).body;
    expect(statusOf(report, 'validity-period')).toEqual({ status: 'invalid', code: 'CREDENTIAL_EXPIRED' });
    expect(report.verdict).toBe('failed');
  });

  it('fails a credential that is not valid yet', async () => {
    const report = (await verify(await selfSigned({ nbf: Math.floor(Date.now() / 1000) + 86_400 }))).body;
    expect(statusOf(report, 'validity-period')).toEqual({ status: 'invalid', code: 'CREDENTIAL_NOT_YET_VALID' });
  });
});

describe('schema', () => {
  const signedBy = (wallet: TestSigner, vc: Record<string, unknown>) =>
    createJWT({ vc }, { issuer: didOf(wallet), signer: ES256KSigner(hexToBytes(wallet.privateKey)) }, { alg: 'ES256K' });

  it('skips the schema of a validly signed credential of a kind it has no schema for, and the verdict follows the other checks', async () => {
    const vc = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      credentialSubject: { id: 'did:example:1' },
    };
    const report = (await verify(await signedBy(Wallet.createRandom(), vc))).body;
    expect(statusOf(report, 'signature')?.status).toBe('valid');
    expect(statusOf(report, 'schema')).toEqual({ status: 'skipped', code: 'SCHEMA_UNKNOWN_KIND' });
    expect(report.verdict).toBe('indeterminate');
    expect(report.warnings.map((warning: { reason: { code: string } }) => warning.reason.code)).toEqual(['ISSUER_UNKNOWN']);
  });

  it('fails such a credential when it breaks the W3C data model', async () => {
    const vc = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['DegreeCredential'],
      credentialSubject: { id: 'did:example:1' },
    };
    const report = (await verify(await signedBy(Wallet.createRandom(), vc))).body;
    expect(statusOf(report, 'schema')).toEqual({ status: 'invalid', code: 'SCHEMA_INVALID' });
    expect(report.verdict).toBe('failed');
  });
});

describe('format and bad input', () => {
  it.each([
    ['a string that is not a JWT', 'hello'],
    ['an object without a JWT proof', { '@context': [], type: ['VerifiableCredential'] }],
    ['a JWT without a vc claim', `${b64url({ alg: 'ES256K' })}.${b64url({ iss: 'did:ethr:0x7a69:0x01' })}.AAAA`],
  ])('reports %s as a failed format check', async (_name, input) => {
    const report = (await verify(input)).body;
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ check: 'format', status: 'invalid' });
    expect(report.verdict).toBe('failed');
  });

  it('answers 400 to a body without verifiableCredential, and to malformed JSON', async () => {
    const missing = await postJson(`${stack.verifierUrl}/credentials/verify`, { credential: {} });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
    const malformed = await postJson(`${stack.verifierUrl}/credentials/verify`, '{"verifiableCredential":');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'MALFORMED_JSON']);
  });
});

describe('an unreachable chain', () => {
  it('makes the signature check an error and the verdict indeterminate, never verified', async () => {
    // Port 9 (discard) on loopback: nothing answers there.
    const verifier = await listeningVerifier({ CHAIN_RPC_URL: 'http://127.0.0.1:9' });
    try {
      const url = `${verifier.verifierUrl}/credentials/verify`;
      const report = (await postJson(url, { verifiableCredential: (await issued()).proof.jwt })).body;
      expect(statusOf(report, 'signature')).toEqual({ status: 'error', code: 'ISSUER_DID_UNAVAILABLE' });
      expect(report.verdict).toBe('indeterminate');
    } finally {
      await verifier.app.close();
    }
  });
});

describe('one deadline per verification', () => {
  it('makes the checks it cuts off an error and the verdict indeterminate, however long a list host trickles', async () => {
    const slow = await startSlowServer();
    // Fetches would wait a minute: the verification's own deadline is what must end it.
    const verifier = await listeningVerifier({
      ALLOW_PRIVATE_NETWORK_FETCH: 'true',
      FETCH_DEADLINE_MS: '60000',
      VERIFICATION_DEADLINE_MS: '1500',
    });
    try {
      const url = `${verifier.verifierUrl}/credentials/verify`;
      const report = (await postJson(url, { verifiableCredential: await selfSignedCredential({ statusLists: [slow.url('/lists/1')] }) }))
        .body;
      expect(slow.requests()).toBe(1);
      expect(statusOf(report, 'signature')).toEqual({ status: 'valid', code: undefined });
      for (const check of ['status', 'anchor', 'issuer-trust'])
        expect(statusOf(report, check)).toEqual({ status: 'error', code: 'VERIFICATION_DEADLINE_EXCEEDED' });
      expect(report.verdict).toBe('indeterminate');
    } finally {
      await verifier.app.close();
      await slow.close();
    }
  });
});

describe('issuer trust', () => {
  it('names the institution that a trusted registry lists', async () => {
    const report = (await verify(await issued())).body;
    expect(statusOf(report, 'issuer-trust')).toEqual({ status: 'valid', code: undefined });
    expect(report.issuer).toEqual({ id: institution.did, trusted: true, name: 'Test University', url: 'https://test.example' });
    expect(report.warnings).toEqual([]);
  });

  it('leaves a validly signed credential from an issuer no registry lists indeterminate, never verified, and says why', async () => {
    const report = (await verify(await selfSigned({}))).body;
    expect(statusOf(report, 'signature')).toEqual({ status: 'valid', code: undefined });
    expect(statusOf(report, 'issuer-trust')).toEqual({ status: 'skipped', code: 'ISSUER_UNKNOWN' });
    expect(report.warnings.map((w: { reason: { code: string } }) => w.reason.code)).toEqual(['ISSUER_UNKNOWN']);
    expect(report.issuer.trusted).toBe(false);
    expect([report.verdict, report.verified]).toEqual(['indeterminate', false]);
  });

  it('heads the page of such a credential with a valid signature from an unknown institution', async () => {
    const page = await fetch(`${stack.verifierUrl}/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ credential: await selfSigned({}) }),
    });
    const body = await page.text();
    expect(/<strong id="verdict">([^<]*)<\/strong>\s*<\/p>\s*<p>([^<]*)<\/p>/.exec(body)?.slice(1)).toEqual([
      'Signature valid, institution unknown',
      expect.stringContaining('not known to this verifier'),
    ]);
  });

  it('fails it when the verifier is configured to require a trusted issuer', async () => {
    const strict = await listeningVerifier({
      ALLOW_PRIVATE_NETWORK_FETCH: 'true',
      REQUIRE_TRUSTED_ISSUER: 'true',
      TRUST_REGISTRY_URLS: `${stack.issuerUrl}/v1/registry`,
      TRUST_REGISTRY_MISS_REFRESH_SECONDS: '0',
    });
    try {
      const url = `${strict.verifierUrl}/credentials/verify`;
      const unknown = (await postJson(url, { verifiableCredential: await selfSigned({}) })).body;
      expect(statusOf(unknown, 'issuer-trust')).toEqual({ status: 'invalid', code: 'ISSUER_NOT_TRUSTED' });
      expect(unknown.verdict).toBe('failed');
      expect((await postJson(url, { verifiableCredential: await issued() })).body.verdict).toBe('verified');
    } finally {
      await strict.app.close();
    }
  });
});

describe("a key the issuer's did:ethr no longer authorises", () => {
  it("fails the signature once the DID's owner is changed on chain", async () => {
    const env = testEnvironment();
    const provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true });
    try {
      const wallet = Wallet.createRandom().connect(provider);
      const jwt = await selfSigned({}, wallet);
      expect(statusOf((await verify(jwt)).body, 'signature')).toEqual({ status: 'valid', code: undefined });
      await provider.send('anvil_setBalance', [wallet.address, '0x56BC75E2D63100000']);
      const registry = new Contract(env.didRegistry, ['function changeOwner(address identity, address newOwner)'], wallet);
      await (await registry.changeOwner(wallet.address, Wallet.createRandom().address)).wait();
      const report = (await verify(jwt)).body;
      expect(statusOf(report, 'signature')).toEqual({ status: 'invalid', code: 'SIGNATURE_INVALID' });
      expect(report.verdict).toBe('failed');
    } finally {
      provider.destroy();
    }
  });
});
