import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ES256KSigner, hexToBytes } from 'did-jwt';
import { type CredentialPayload, createVerifiableCredentialJwt, normalizeCredential, transformCredentialInput } from 'did-jwt-vc';
import type { Resolvable } from 'did-resolver';
import { type HDNodeWallet, Wallet } from 'ethers';
import { MIN_STATUS_LIST_ENTRIES, setBit, statusListCredential, statusListEntry, type StatusPurpose } from '#schemas';
import { FETCH_LIMITS } from '../../fetching/fetch-limits.js';
import { FetchSlots } from '../../fetching/fetch-slots.js';
import { PublicFetcher } from '../../fetching/public-fetcher.js';
import { SignatureVerifier } from '../../signatures/signature-verifier.js';
import { StatusListReader } from '../../status-lists/status-list-reader.js';
import { addressResolver } from '../../../test/address-resolver.js';
import { quietLogger } from '../../../test/quiet-logger.js';
import type { CheckStatus } from '../../pipeline/check.js';
import { runCheck } from '../../pipeline/check-runner.js';
import type { ParsedCredential } from '../parsed-credential.js';
import { checkFormat } from './format.check.js';
import { StatusCheck } from './status.check.js';
import { DidLinks } from '../../dids/did-links.js';
import { didOf } from '../../../../../test/factories/keys.js';
import { type JsonServer, startJsonServer } from '../../../../../test/json-server.js';

const issuer = Wallet.createRandom();

/** The issuer's list server: what each path answers, and how often it was asked. */
let server: JsonServer;
let lists = 0;

beforeAll(async () => {
  server = await startJsonServer();
});
afterAll(() => server.close());

const hitsOf = (url: string) => server.hitsOf(url);
const serve = (url: string, status: number, body: unknown) => server.serve(url, body, status);

interface ListOptions {
  set?: number[];
  /** How many entries the list has; the Recommendation's minimum unless given. */
  entries?: number;
  signer?: HDNodeWallet;
  /** JWT claims over the issuer's, such as `exp`. */
  claims?: Record<string, unknown>;
  /** Changes to the credential the issuer would sign, before it is signed. */
  edit?: (credential: ReturnType<typeof statusListCredential>) => void;
}

/** Signs a list exactly as the issuer builds one, and answers for it with the credential as JSON. */
async function publishList(purpose: StatusPurpose, options: ListOptions = {}): Promise<{ url: string; jwt: string }> {
  const url = `${server.origin}/v1/status-lists/${++lists}`;
  const bits = new Uint8Array((options.entries ?? MIN_STATUS_LIST_ENTRIES) / 8);
  for (const index of options.set ?? []) setBit(bits, index, true);
  const signer = options.signer ?? issuer;
  const credential = statusListCredential({
    url,
    issuer: { id: didOf(signer), name: 'University of Examples', url: 'https://university.example' },
    issuanceDate: new Date().toISOString(),
    purpose,
    bits,
  });
  options.edit?.(credential);
  const jwt = await sign({ ...transformCredentialInput(credential), ...options.claims }, signer);
  serve(url, 200, normalizeCredential(jwt));
  return { url, jwt };
}

function sign(payload: Parameters<typeof createVerifiableCredentialJwt>[0], signer: HDNodeWallet): Promise<string> {
  return createVerifiableCredentialJwt(payload, { did: didOf(signer), signer: ES256KSigner(hexToBytes(signer.privateKey)), alg: 'ES256K' });
}

async function credentialWith(credentialStatus?: unknown): Promise<ParsedCredential> {
  const jwt = await sign(
    {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: { id: didOf(issuer) },
      issuanceDate: new Date().toISOString(),
      credentialSubject: { id: 'did:example:learner', name: 'Ada' },
      // An array, or anything a test wants, where did-jwt-vc types a single entry.
      ...(credentialStatus === undefined ? {} : { credentialStatus: credentialStatus as CredentialPayload['credentialStatus'] }),
    },
    issuer,
  );
  const { parsed } = checkFormat(jwt);
  if (!parsed) throw new Error('the test credential does not parse');
  return parsed;
}

/** A credential of the issuer's with index 7 in a fresh revocation list and a fresh suspension list. */
async function issued(lists: { revocation?: ListOptions; suspension?: ListOptions } = {}, index = 7) {
  const revocation = await publishList('revocation', lists.revocation);
  const suspension = await publishList('suspension', lists.suspension);
  const credential = await credentialWith([
    statusListEntry(revocation.url, 'revocation', index),
    statusListEntry(suspension.url, 'suspension', index),
  ]);
  return { credential, revocation, suspension };
}

/** The check's outcome as the runner gives it in a report whose signature check was `status`. */
async function afterSignature(check: StatusCheck, credential: ParsedCredential, status: CheckStatus = 'valid') {
  const { check: _name, ...outcome } = await runCheck(check, credential, { now: new Date() }, [{ check: 'signature', status }], {
    logger: quietLogger,
  });
  return outcome;
}

function statusCheck({ cacheSeconds = 60, clock = Date.now, resolve = addressResolver } = {}): StatusCheck {
  const fetcher = new PublicFetcher(
    { allowPrivateNetworks: true, deadlineMs: 2000, maxBytes: FETCH_LIMITS.statusListBytes },
    new FetchSlots(8),
    quietLogger,
  );
  return new StatusCheck(
    new StatusListReader(fetcher, new SignatureVerifier({ resolver: resolve }), cacheSeconds, clock),
    new DidLinks(resolve),
  );
}

async function codeOf(credential: ParsedCredential, check = statusCheck()) {
  const outcome = await afterSignature(check, credential);
  return { status: outcome.status, code: outcome.reason?.code };
}

describe('StatusCheck', () => {
  it('is skipped for a credential without credentialStatus', async () => {
    expect(await codeOf(await credentialWith())).toEqual({ status: 'skipped', code: 'STATUS_NOT_PROVIDED' });
  });

  it.each(['invalid', 'error'] as const)('fetches nothing when the signature check is %s', async (status) => {
    const { credential, revocation, suspension } = await issued();
    const outcome = await afterSignature(statusCheck(), credential, status);
    expect(outcome.reason?.code).toBe('STATUS_NOT_FETCHED');
    expect(outcome.status).toBe('skipped');
    expect(hitsOf(revocation.url) + hitsOf(suspension.url)).toBe(0);
  });

  it('is valid when every entry is clear, fetching each list once', async () => {
    const { credential, revocation, suspension } = await issued({ revocation: { set: [6, 8] } });
    expect(await afterSignature(statusCheck(), credential)).toEqual({ status: 'valid' });
    expect([hitsOf(revocation.url), hitsOf(suspension.url)]).toEqual([1, 1]);
  });

  it('fails a revoked credential, naming the list', async () => {
    const { credential, revocation } = await issued({ revocation: { set: [7] } });
    const outcome = await afterSignature(statusCheck(), credential);
    expect(outcome).toMatchObject({ status: 'invalid', reason: { code: 'CREDENTIAL_REVOKED' } });
    expect(outcome.reason?.message).toContain(revocation.url);
  });

  it('fails a suspended credential with its own code', async () => {
    const { credential } = await issued({ suspension: { set: [7] } });
    expect(await codeOf(credential)).toEqual({ status: 'invalid', code: 'CREDENTIAL_SUSPENDED' });
  });

  it('reports revoked over suspended', async () => {
    const revocation = await publishList('revocation', { set: [7] });
    const suspension = await publishList('suspension', { set: [7] });
    const credential = await credentialWith([
      statusListEntry(suspension.url, 'suspension', 7),
      statusListEntry(revocation.url, 'revocation', 7),
    ]);
    expect(await codeOf(credential)).toEqual({ status: 'invalid', code: 'CREDENTIAL_REVOKED' });
  });

  it('cannot tell when a list answers 500', async () => {
    const { credential, revocation } = await issued();
    serve(revocation.url, 500, { error: 'internal' });
    const outcome = await afterSignature(statusCheck(), credential);
    expect(outcome).toMatchObject({ status: 'error', reason: { code: 'STATUS_LIST_UNAVAILABLE' } });
    expect(outcome.reason?.message).toContain(revocation.url);
  });

  it('cannot tell when the list server is gone', async () => {
    const gone = http.createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/v1/status-lists/1`;
    await new Promise((resolve) => gone.close(resolve));
    expect(await codeOf(await credentialWith([statusListEntry(url, 'revocation', 7)]))).toEqual({
      status: 'error',
      code: 'STATUS_LIST_UNAVAILABLE',
    });
  });

  it("cannot tell while the list signer's DID cannot be resolved", async () => {
    const { credential } = await issued();
    const offline: Resolvable = { resolve: () => Promise.reject(new Error('the chain is not answering')) };
    expect(await codeOf(credential, statusCheck({ resolve: offline }))).toEqual({ status: 'error', code: 'STATUS_LIST_UNAVAILABLE' });
  });

  it('fails a credential whose list another DID signed', async () => {
    const { credential } = await issued({ revocation: { signer: Wallet.createRandom() } });
    expect(await codeOf(credential)).toEqual({ status: 'invalid', code: 'STATUS_LIST_ISSUER_MISMATCH' });
  });

  it('cannot tell from a list whose JWT was tampered with', async () => {
    const { credential, revocation } = await issued({ revocation: { set: [7] } });
    const cleared = await publishList('revocation');
    const [header, , signature] = revocation.jwt.split('.');
    const tampered = `${header}.${cleared.jwt.split('.')[1]}.${signature}`;
    serve(revocation.url, 200, normalizeCredential(tampered));
    expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_LIST_SIGNATURE_INVALID' });
  });

  it('cannot tell from a list whose JSON differs from its signed JWT', async () => {
    const { credential, revocation } = await issued({ revocation: { set: [7] } });
    const cleared = await publishList('revocation');
    const published = normalizeCredential(revocation.jwt);
    serve(revocation.url, 200, { ...published, credentialSubject: normalizeCredential(cleared.jwt).credentialSubject });
    expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_LIST_SIGNATURE_INVALID' });
  });

  it('cannot tell from an index beyond the list', async () => {
    const { credential } = await issued({}, MIN_STATUS_LIST_ENTRIES);
    expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_INDEX_OUT_OF_RANGE' });
  });

  it('cannot tell when an entry points at a list of the other purpose', async () => {
    const suspension = await publishList('suspension', { set: [7] });
    const credential = await credentialWith([statusListEntry(suspension.url, 'revocation', 7)]);
    expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_LIST_MALFORMED' });
  });

  it.each<[string, ListOptions['edit']]>([
    ['is not a status list credential', (list) => void (list.type = ['VerifiableCredential'])],
    ['names another URL as its id', (list) => void (list.id = `${list.id}-other`)],
    ['has an encodedList that does not decode', (list) => void (list.credentialSubject.encodedList = 'H4sIAAAAAAAA')],
  ])('cannot tell from a list that %s', async (_, edit) => {
    const { credential } = await issued({ revocation: { edit } });
    expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_LIST_MALFORMED' });
  });

  it('cannot tell from a list whose JWT has expired', async () => {
    const { credential } = await issued({ revocation: { claims: { exp: Math.floor(Date.now() / 1000) - 60 } } });
    expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_LIST_EXPIRED' });
  });

  it('fails a malformed entry without fetching anything', async () => {
    const credential = await credentialWith([
      { ...statusListEntry(`${server.origin}/v1/status-lists/x`, 'revocation', 7), statusListIndex: 'seven' },
    ]);
    expect(await codeOf(credential)).toEqual({ status: 'invalid', code: 'STATUS_ENTRY_MALFORMED' });
    expect(hitsOf(`${server.origin}/v1/status-lists/x`)).toBe(0);
  });

  it('is skipped, never valid, when an entry uses a method it does not check', async () => {
    const revocation = await publishList('revocation');
    const other = {
      id: 'https://other.example/lists/1#3',
      type: 'StatusList2021Entry',
      statusPurpose: 'revocation',
      statusListIndex: '3',
      statusListCredential: 'https://other.example/lists/1',
    };
    expect(await codeOf(await credentialWith(other))).toEqual({ status: 'skipped', code: 'STATUS_METHOD_UNSUPPORTED' });
    expect(await codeOf(await credentialWith([statusListEntry(revocation.url, 'revocation', 7), other]))).toEqual({
      status: 'skipped',
      code: 'STATUS_METHOD_UNSUPPORTED',
    });
    expect(hitsOf(revocation.url)).toBe(1);
  });

  describe('what one credential can make the verifier read', () => {
    it('reads up to four distinct lists', async () => {
      const lists = await Promise.all(
        ['revocation', 'suspension', 'revocation', 'suspension'].map((purpose) => publishList(purpose as StatusPurpose)),
      );
      const credential = await credentialWith(lists.map((list, i) => statusListEntry(list.url, i % 2 ? 'suspension' : 'revocation', 7)));
      expect(await codeOf(credential)).toEqual({ status: 'valid', code: undefined });
    });

    it('reads none of the lists of a credential that names more than four', async () => {
      const lists = await Promise.all([1, 2, 3, 4, 5].map(() => publishList('revocation')));
      const credential = await credentialWith(lists.map((list) => statusListEntry(list.url, 'revocation', 7)));
      expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_LISTS_TOO_MANY' });
      expect(lists.map((list) => hitsOf(list.url))).toEqual([0, 0, 0, 0, 0]);
    });

    it('refuses a list of more than 262,144 entries of one bit (32 KiB of bits, 131,072 entries of two)', async () => {
      const { credential } = await issued({ revocation: { entries: 4 * MIN_STATUS_LIST_ENTRIES } });
      expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_LIST_TOO_LARGE' });
    });

    it('stops reading a list larger than 128 KiB', async () => {
      const { credential, revocation } = await issued();
      serve(revocation.url, 200, { ...normalizeCredential(revocation.jwt), padding: 'x'.repeat(128 * 1024) });
      expect(await codeOf(credential)).toEqual({ status: 'error', code: 'STATUS_LIST_TOO_LARGE' });
    });
  });

  describe('list cache', () => {
    it('fetches a list once within the cache time, and again after it', async () => {
      let elapsedMs = 0;
      const check = statusCheck({ cacheSeconds: 60, clock: () => Date.now() + elapsedMs });
      const { credential, revocation } = await issued();
      await afterSignature(check, credential);
      elapsedMs = 59_000;
      expect(await afterSignature(check, credential)).toEqual({ status: 'valid' });
      expect(hitsOf(revocation.url)).toBe(1);
      elapsedMs = 61_000;
      expect(await afterSignature(check, credential)).toEqual({ status: 'valid' });
      expect(hitsOf(revocation.url)).toBe(2);
    });

    it('fetches a list for every verification with a cache time of 0', async () => {
      const check = statusCheck({ cacheSeconds: 0 });
      const { credential, revocation } = await issued();
      await afterSignature(check, credential);
      await afterSignature(check, credential);
      expect(hitsOf(revocation.url)).toBe(2);
    });

    it('shares one fetch between concurrent verifications', async () => {
      const check = statusCheck({ cacheSeconds: 0 });
      const { credential, revocation } = await issued();
      const outcomes = await Promise.all([afterSignature(check, credential), afterSignature(check, credential)]);
      expect(outcomes).toEqual([{ status: 'valid' }, { status: 'valid' }]);
      expect(hitsOf(revocation.url)).toBe(1);
    });

    it('does not keep a failure', async () => {
      const check = statusCheck();
      const { credential, revocation } = await issued();
      const published = server.answerAt(revocation.url);
      serve(revocation.url, 500, { error: 'internal' });
      expect((await afterSignature(check, credential)).status).toBe('error');
      serve(revocation.url, 200, published?.body);
      expect(await afterSignature(check, credential)).toEqual({ status: 'valid' });
      expect(hitsOf(revocation.url)).toBe(2);
    });

    it('does not keep a list past its own expiry', async () => {
      let elapsedMs = 0;
      const check = statusCheck({ cacheSeconds: 60, clock: () => Date.now() + elapsedMs });
      const { credential, revocation } = await issued({ revocation: { claims: { exp: Math.floor(Date.now() / 1000) + 30 } } });
      expect(await afterSignature(check, credential)).toEqual({ status: 'valid' });
      elapsedMs = 40_000;
      expect(await codeOf(credential, check)).toEqual({ status: 'error', code: 'STATUS_LIST_EXPIRED' });
      expect(hitsOf(revocation.url)).toBe(2);
    });
  });
});
