/** What the global setup started, handed to test files through one environment variable. */
export interface TestEnvironment {
  chainRpcUrl: string;
  chainId: number;
  didRegistry: string;
  anchorContract: string;
  postgresServerUrl: string;
  templateDatabase: string;
}

const TEST_ENV = 'LC_TEST_ENVIRONMENT';

export function testEnvironment(): TestEnvironment {
  const raw = process.env[TEST_ENV];
  if (!raw) throw new Error(`${TEST_ENV} is not set: run this file through the integration jest config`);
  return JSON.parse(raw) as TestEnvironment;
}
