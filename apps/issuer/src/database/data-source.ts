import { Entities as veramoEntities, migrations as veramoMigrations } from '@veramo/data-store';
import { DataSource } from 'typeorm';
import { CreateInstitutions1764000000000 } from './migrations/1764000000000-create-institutions.js';
import { CreateIssuedCredentials1764000000001 } from './migrations/1764000000001-create-issued-credentials.js';
import { CreateAnchorBatches1764000000002 } from './migrations/1764000000002-create-anchor-batches.js';
import { CreateStatusLists1764000000003 } from './migrations/1764000000003-create-status-lists.js';
import { AnchoringRepair1764000000004 } from './migrations/1764000000004-anchoring-repair.js';
import { AnchorLeaves1764000000005 } from './migrations/1764000000005-anchor-leaves.js';
import { SignedCredentialFormat1764000000006 } from './migrations/1764000000006-signed-credential-format.js';
import { DidWebIdentities1764000000007 } from './migrations/1764000000007-did-web-identities.js';
import { Vcdm2Credentials1764000000008 } from './migrations/1764000000008-vcdm2-credentials.js';
import { DidEthrChanges1764000000009 } from './migrations/1764000000009-did-ethr-changes.js';
import { WalletOffers1764000000010 } from './migrations/1764000000010-wallet-offers.js';
import { CreditBankPolicies1764000000011 } from './migrations/1764000000011-credit-bank-policies.js';
import { CreditBankAccounts1764000000012 } from './migrations/1764000000012-credit-bank-accounts.js';
import { RecognitionCredentialsOnDecisions1764000000013 } from './migrations/1764000000013-recognition-credentials-on-decisions.js';

/** Veramo's migrations, then ours, in the order they run. */
export const ISSUER_MIGRATIONS = [
  ...veramoMigrations,
  CreateInstitutions1764000000000,
  CreateIssuedCredentials1764000000001,
  CreateAnchorBatches1764000000002,
  CreateStatusLists1764000000003,
  AnchoringRepair1764000000004,
  AnchorLeaves1764000000005,
  SignedCredentialFormat1764000000006,
  DidWebIdentities1764000000007,
  Vcdm2Credentials1764000000008,
  DidEthrChanges1764000000009,
  WalletOffers1764000000010,
  CreditBankPolicies1764000000011,
  CreditBankAccounts1764000000012,
  RecognitionCredentialsOnDecisions1764000000013,
];

/**
 * One DataSource serves our tables and Veramo's key and DID stores, so a key and the institution that
 * owns it are written through the same pool. Our tables have repositories with explicit SQL, not
 * entities; only Veramo's are entities. Migrations run explicitly (all of them, unless a test stops
 * at an earlier one); nothing is synchronised.
 */
export function createIssuerDataSource(databaseUrl: string, migrations = ISSUER_MIGRATIONS): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: veramoEntities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
  });
}

/** Connects and applies pending migrations; a migration that fails stops the start-up. */
export async function openIssuerDatabase(databaseUrl: string): Promise<DataSource> {
  const dataSource = createIssuerDataSource(databaseUrl);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
