import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { EXAMPLE_FACTS } from '../../../../scripts/example-facts.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/database.js';
import { testIssuerConfig } from '../../../../test/stack.js';
import { AnchorLeavesRepository, type NewLeaf } from '../anchoring/anchor-leaves.repository.js';
import type { Transaction } from '../database/unit-of-work.js';
import { ISSUER_AGENT, ISSUER_KEY_STORE, IssuerIdentityService } from '../identity/issuer-identity.service.js';
import { InstitutionWebKeysRepository } from '../identity/institution-web-keys.repository.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { IssuedSignedCredential } from '../identity/signed-credential.js';
import { type Institution, InstitutionsService } from '../institutions/institutions.service.js';
import { ISSUER_CONFIG } from '../issuer.config.js';
import { IssuerModule } from '../issuer.module.js';
import { CredentialIssuanceService } from './credential-issuance.service.js';
import { CredentialStatusService } from './credential-status.service.js';

// Issuance is one unit of work: the status index, the credential and its leaf are stored together
// or not at all. Each test makes one step fail through a DI fake and finds nothing of it stored.

/** The real identity service, made to fail the next signature, or to hand back a signature that does not verify. */
class FaultyIdentity extends IssuerIdentityService {
  next?: 'throw' | 'tamper';

  override async sign(...args: Parameters<IssuerIdentityService['sign']>): ReturnType<IssuerIdentityService['sign']> {
    const fault = this.next;
    this.next = undefined;
    if (fault === 'throw') throw new Error('the key store is unavailable');
    const result = await super.sign(...args);
    return fault === 'tamper' ? { ...result, signed: tampered(result.signed) } : result;
  }
}

/** The signed credential with one character of its signature changed. */
function tampered(signed: IssuedSignedCredential): IssuedSignedCredential {
  const flip = (text: string) => `${text.slice(0, 5)}${text[5] === 'A' ? 'B' : 'A'}${text.slice(6)}`;
  if (signed.format !== 'ldp_vc') {
    const [header, payload, signature] = signed.bytes.split('.');
    return { ...signed, bytes: [header, payload, flip(signature)].join('.') };
  }
  const document = JSON.parse(signed.bytes);
  document.proof.proofValue = flip(document.proof.proofValue);
  return { ...signed, bytes: JSON.stringify(document), credential: document };
}

/** The real queue of leaves, made to fail the next enqueue: after the index and the credential are written in the same transaction. */
class FaultyLeaves extends AnchorLeavesRepository {
  failNext = false;

  override async enqueue(tx: Transaction, leaf: NewLeaf): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the database refused the leaf');
    }
    return super.enqueue(tx, leaf);
  }
}

let database: TestDatabase;
let module: TestingModule;
let identity: FaultyIdentity;
let leaves: FaultyLeaves;
let issuance: CredentialIssuanceService;
let dataSource: DataSource;
let institution: Institution;

beforeAll(async () => {
  Logger.overrideLogger(false);
  database = await createTestDatabase();
  const config = testIssuerConfig(database.url);
  module = await Test.createTestingModule({ imports: [IssuerModule.forRoot(config)] })
    .overrideProvider(IssuerIdentityService)
    .useFactory({
      inject: [ISSUER_AGENT, ISSUER_KEY_STORE, DataSource, UnitOfWork, InstitutionWebKeysRepository, ISSUER_CONFIG],
      factory: (...args: ConstructorParameters<typeof IssuerIdentityService>) => new FaultyIdentity(...args),
    })
    .overrideProvider(AnchorLeavesRepository)
    .useFactory({ inject: [DataSource], factory: (source: DataSource) => new FaultyLeaves(source) })
    .compile();
  await module.init();
  identity = module.get(IssuerIdentityService);
  leaves = module.get(AnchorLeavesRepository);
  issuance = module.get(CredentialIssuanceService);
  dataSource = module.get(DataSource);
  institution = await module.get(InstitutionsService).create({ name: 'Unit of Work University', url: 'https://uow.example' });
});

afterAll(async () => {
  await module?.close();
  await database?.drop();
});

/** Status indexes, credentials and credential leaves stored so far. */
async function stored(): Promise<{ indexes: number; credentials: number; leaves: number }> {
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM credential_statuses)::int AS indexes, (SELECT count(*) FROM issued_credentials)::int AS credentials,
            (SELECT count(*) FROM anchor_leaves WHERE source = 'credential')::int AS leaves`,
  );
  return counts;
}

describe('issuing a credential', () => {
  it('stores its status index, its row and its leaf together', async () => {
    const before = await stored();
    const issued = await issuance.issueFromFacts(institution, { facts: EXAMPLE_FACTS.course });
    expect(await stored()).toEqual({ indexes: before.indexes + 1, credentials: before.credentials + 1, leaves: before.leaves + 1 });
    const [row] = await dataSource.query(`SELECT status_index FROM credential_statuses WHERE credential_id = $1`, [issued.id]);
    const entry = (issued.verifiableCredential as { credentialStatus: { statusListIndex: string } }).credentialStatus;
    expect(Number(entry.statusListIndex)).toEqual(row.status_index);
  });

  it('stores nothing when the signature fails', async () => {
    const before = await stored();
    identity.next = 'throw';
    await expect(issuance.issueFromFacts(institution, { facts: EXAMPLE_FACTS.credit })).rejects.toThrow('the key store is unavailable');
    expect(await stored()).toEqual(before);
  });

  it('stores nothing when what was signed fails the last-line check', async () => {
    const before = await stored();
    identity.next = 'tamper';
    await expect(issuance.issueFromFacts(institution, { facts: EXAMPLE_FACTS.certificate })).rejects.toMatchObject({
      code: 'ISSUANCE_SELF_CHECK_FAILED',
    });
    expect(await stored()).toEqual(before);
  });

  it('stores nothing, not even the claimed index or the credential row, when its leaf cannot be stored', async () => {
    const before = await stored();
    leaves.failNext = true;
    await expect(issuance.issueFromFacts(institution, { facts: EXAMPLE_FACTS.course })).rejects.toThrow('the database refused the leaf');
    expect(await stored()).toEqual(before);
    await issuance.issueFromFacts(institution, { facts: EXAMPLE_FACTS.course });
    expect(await stored()).toEqual({ indexes: before.indexes + 1, credentials: before.credentials + 1, leaves: before.leaves + 1 });
  });
});

describe('changing the status of a credential', () => {
  const revoke = (credentialId: string) =>
    module.get(CredentialStatusService).change(institution, {
      credentialId,
      credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }],
      reason: 'test',
    });

  it('tells a credential issued before status lists, which names none, from one the institution does not have', async () => {
    await dataSource.query(
      `INSERT INTO issued_credentials (id, institution_id, kind, issued_at, format, signed_bytes) VALUES ('urn:uuid:before-status-lists', $1, 'course', now(), 'vc-jwt', 'a.b.c')`,
      [institution.id],
    );
    await expect(revoke('urn:uuid:before-status-lists')).rejects.toMatchObject({ code: 'CREDENTIAL_HAS_NO_STATUS' });
    await expect(revoke('urn:uuid:never-issued')).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
  });
});
