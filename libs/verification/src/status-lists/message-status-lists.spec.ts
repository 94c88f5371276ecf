import {
  createDocumentLoader,
  envelopeCredential,
  importSigningKey,
  signDataIntegrityCredential,
  signVcJwt,
  type SigningKey,
} from '#identity';
import { encodeStatusList, messageStatusListEntry, MIN_STATUS_LIST_ENTRIES, setBit } from '#schemas';
import { didJwkPair, didWebDocument, testResolver } from '../../../../test/factories/keys.js';
import { quietLogger } from '../../test/quiet-logger.js';
import { checkFormat } from '../credentials/checks/format.check.js';
import { StatusCheck } from '../credentials/checks/status.check.js';
import { DidLinks } from '../dids/did-links.js';
import type { ParsedCredential } from '../credentials/parsed-credential.js';
import { FETCH_LIMITS } from '../fetching/fetch-limits.js';
import { FetchSlots } from '../fetching/fetch-slots.js';
import { PublicFetcher } from '../fetching/public-fetcher.js';
import { runCheck } from '../pipeline/check-runner.js';
import { SignatureVerifier } from '../signatures/signature-verifier.js';
import { StatusListReader } from './status-list-reader.js';
import { type JsonServer, startJsonServer } from '../../../../test/json-server.js';

const university = { ...didJwkPair('P-256'), id: 'did:web:university.example#p256', controller: 'did:web:university.example' };
const college = { ...didJwkPair('Ed25519'), id: 'did:web:college.example#ed25519', controller: 'did:web:college.example' };
const resolver = testResolver([didWebDocument(university.controller, university), didWebDocument(college.controller, college)]);
const documentLoader = createDocumentLoader(resolver);

let server: JsonServer;
let lists = 0;

beforeAll(async () => {
  server = await startJsonServer();
});
afterAll(() => server.close());

type ListFormat = 'vc+jwt' | 'enveloped vc+jwt' | 'ldp_vc';

interface ListOptions {
  /** The 2-bit status of each index set. */
  statuses?: Record<number, number>;
  purpose?: string;
  validUntil?: string;
}

/** A 2-bit message list of 131,072 entries, signed in a format and served as JSON; its URL. */
async function publishList(format: ListFormat, key: SigningKey, { statuses = {}, purpose = 'message', validUntil }: ListOptions = {}) {
  const url = `${server.origin}/v1/status-lists/${++lists}`;
  const bits = new Uint8Array((2 * MIN_STATUS_LIST_ENTRIES) / 8);
  for (const [index, status] of Object.entries(statuses)) {
    setBit(bits, 2 * Number(index), (status & 2) !== 0);
    setBit(bits, 2 * Number(index) + 1, (status & 1) !== 0);
  }
  const list = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: key.controller,
    validFrom: '2026-01-01T00:00:00Z',
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: purpose, encodedList: encodeStatusList(bits) },
  };
  const body =
    format === 'ldp_vc'
      ? await signDataIntegrityCredential(list, key, { documentLoader })
      : format === 'vc+jwt'
        ? signVcJwt(list, key)
        : envelopeCredential(signVcJwt(list, key));
  server.serve(url, body);
  return url;
}

/** A credential of the key's DID with one message entry, as a vc+jwt. */
function credentialWith(key: SigningKey, credentialStatus: unknown): ParsedCredential {
  const signed = signVcJwt(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: key.controller,
      credentialSubject: { id: 'did:example:learner' },
      credentialStatus,
    },
    key,
  );
  return checkFormat(signed).parsed!;
}

const statusCheck = () =>
  new StatusCheck(
    new StatusListReader(
      new PublicFetcher(
        { allowPrivateNetworks: true, deadlineMs: 2000, maxBytes: FETCH_LIMITS.statusListBytes },
        new FetchSlots(4),
        quietLogger,
      ),
      new SignatureVerifier({ resolver }),
      60,
    ),
    new DidLinks(resolver),
  );

async function statusOf(credential: ParsedCredential) {
  const { status, reason } = await runCheck(statusCheck(), credential, { now: new Date() }, [{ check: 'signature', status: 'valid' }], {
    logger: quietLogger,
  });
  return { status, code: reason?.code };
}

describe.each(['vc+jwt', 'enveloped vc+jwt', 'ldp_vc'] as ListFormat[])('a 2-bit message status list as %s', (format) => {
  it('reads 0x0 valid, 0x1 suspended, 0x2 and 0x3 revoked, as the entry names them', async () => {
    const key = await importSigningKey(university);
    const url = await publishList(format, key, { statuses: { 5: 1, 6: 2, 7: 3, 131_071: 1 } });
    const outcomes = [];
    for (const index of [4, 5, 6, 7, 131_071]) outcomes.push(await statusOf(credentialWith(key, messageStatusListEntry(url, index))));
    expect(outcomes).toEqual([
      { status: 'valid', code: undefined },
      { status: 'invalid', code: 'CREDENTIAL_SUSPENDED' },
      { status: 'invalid', code: 'CREDENTIAL_REVOKED' },
      { status: 'invalid', code: 'CREDENTIAL_REVOKED' },
      { status: 'invalid', code: 'CREDENTIAL_SUSPENDED' },
    ]);
  });

  it("holds the list to the credential's own issuer, a did:web as any other", async () => {
    const [ours, theirs] = [await importSigningKey(university), await importSigningKey(college)];
    const url = await publishList(format, theirs);
    expect(await statusOf(credentialWith(ours, messageStatusListEntry(url, 3)))).toEqual({
      status: 'invalid',
      code: 'STATUS_LIST_ISSUER_MISMATCH',
    });
    expect(await statusOf(credentialWith(theirs, messageStatusListEntry(url, 3)))).toEqual({ status: 'valid', code: undefined });
  });
});

describe('a message entry', () => {
  it('cannot be read from a list of another purpose, nor past the end of its list, nor from a list expired by its validUntil', async () => {
    const key = await importSigningKey(university);
    const revocationList = await publishList('vc+jwt', key, { purpose: 'revocation' });
    expect(await statusOf(credentialWith(key, messageStatusListEntry(revocationList, 1)))).toEqual({
      status: 'error',
      code: 'STATUS_LIST_MALFORMED',
    });
    const list = await publishList('vc+jwt', key);
    expect(await statusOf(credentialWith(key, messageStatusListEntry(list, MIN_STATUS_LIST_ENTRIES)))).toEqual({
      status: 'error',
      code: 'STATUS_INDEX_OUT_OF_RANGE',
    });
    const expired = await publishList('ldp_vc', key, { validUntil: '2026-02-01T00:00:00Z' });
    expect(await statusOf(credentialWith(key, messageStatusListEntry(expired, 1)))).toEqual({
      status: 'error',
      code: 'STATUS_LIST_EXPIRED',
    });
  });

  it('whose value names a message this verifier does not interpret is not checked, and never valid', async () => {
    const key = await importSigningKey(university);
    const url = await publishList('vc+jwt', key, { statuses: { 2: 3 } });
    const entry = {
      ...messageStatusListEntry(url, 2),
      statusMessage: [
        { status: '0x0', message: 'valid' },
        { status: '0x1', message: 'suspended' },
        { status: '0x2', message: 'revoked' },
        { status: '0x3', message: 'under review' },
      ],
    };
    expect(await statusOf(credentialWith(key, entry))).toEqual({ status: 'skipped', code: 'STATUS_METHOD_UNSUPPORTED' });
  });
});
