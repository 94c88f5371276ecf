import { receiptProblem, signedHashOf } from '#anchoring';
import { unwrapEnvelopedCredential } from '#identity';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { type SignedBytes, validateAnchorReceipt } from '#schemas';
import { JsonRpcProvider } from 'ethers';
import {
  checkBySnippet,
  createInstitution,
  packageOf as packageOfCredential,
  requestCredential,
  type TestInstitution,
} from '../../../test/factories/index.js';
import { startTestStack, type TestStack, testWorkerEnv } from '../../../test/stack.js';
import { testEnvironment } from '../../../test/test-environment.js';
import { until as waitUntil } from '../../../test/until.js';

// Every format is anchored: the leaf is the hash of its exact signed bytes (for Data Integrity, of the
// RFC 8785 form of the whole signed document), and the anchored package checks with nothing but
// ethers and an RPC, by the README's snippet, whatever the format.

const env = testEnvironment();
const provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true });

let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack(testWorkerEnv(LOCAL_CHAIN_FUNDED_KEYS[2], 3));
  institution = await createInstitution(stack, { name: 'Anchored Formats University' });
});

afterAll(async () => {
  await stack.close();
  provider.destroy();
});

/** The test chain mines only on transactions: mine empty blocks so batches gather confirmations. */
const until = <T>(probe: () => Promise<T | undefined>, what: string) => waitUntil(probe, what, { mining: provider });
const packageOf = (id: string) => packageOfCredential(stack, id);

/** What the issuer signed, as anchoring knows it: the format and the exact bytes, read from the credential handed out. */
function signedBytesOf(format: string, handedOut: Record<string, any>): SignedBytes {
  if (format === 'vc+jwt') return { format, bytes: unwrapEnvelopedCredential(handedOut)! };
  if (format === 'vc-jwt') return { format, bytes: handedOut.proof.jwt };
  return { format: 'ldp_vc', bytes: JSON.stringify(handedOut) };
}

const checkWithSnippet = (packaged: string) => checkBySnippet(packaged, env.chainRpcUrl);

it.each([
  { format: 'ldp_vc', ask: {}, leafAlgorithm: 'keccak256-jcs' },
  { format: 'ldp_vc', ask: { format: 'ldp_vc', cryptosuite: 'ecdsa-rdfc-2019' }, leafAlgorithm: 'keccak256-jcs' },
  { format: 'vc+jwt', ask: { format: 'vc+jwt' }, leafAlgorithm: 'keccak256-utf8' },
  { format: 'vc-jwt', ask: { format: 'vc-jwt' }, leafAlgorithm: 'keccak256-utf8' },
])('anchors a $format credential ($leafAlgorithm), and its package checks by the snippet', async ({ format, ask, leafAlgorithm }) => {
  const issued = await requestCredential(stack, institution, { kind: 'credit', ...ask });
  expect(issued.status).toBe(201);
  const packaged = await until(() => packageOf(issued.body.id), `the package of ${issued.body.id}`);
  const receipt = packaged.body.anchorReceipt;
  expect(validateAnchorReceipt(receipt)).toEqual([]);
  expect(receipt).toMatchObject({ version: 2, format, leafAlgorithm });
  expect(packaged.body.verifiableCredential).toEqual(issued.body.verifiableCredential);
  const signed = signedBytesOf(format, packaged.body.verifiableCredential);
  expect(receipt.leaf).toBe(signedHashOf(signed));
  expect(await receiptProblem(receipt, signed)).toBeNull();

  const checked = await checkWithSnippet(packaged.text);
  expect(checked.stderr).toBe('');
  expect(checked.stdout).toMatch(/^anchored in block \d+/);
  // Re-serialised (as a holder's wallet may store it), a Data Integrity credential still checks; changed, it does not.
  const reordered = JSON.stringify({ anchorReceipt: receipt, verifiableCredential: packaged.body.verifiableCredential }, null, 2);
  expect((await checkWithSnippet(reordered)).stderr).toBe('');
  const changed = structuredClone(packaged.body);
  if (format === 'ldp_vc') changed.verifiableCredential.name = 'Something else';
  else if (format === 'vc+jwt') changed.verifiableCredential.id = `${changed.verifiableCredential.id}x`;
  else changed.verifiableCredential.proof.jwt = `${changed.verifiableCredential.proof.jwt}x`;
  expect((await checkWithSnippet(JSON.stringify(changed))).stderr).toContain('receipt is for other bytes');
});

it('anchors each version of the message status list, which checks by the snippet as a Data Integrity document', async () => {
  const issued = await requestCredential(stack, institution);
  const listUrl = issued.body.verifiableCredential.credentialStatus.statusListCredential;
  const version = await until(async () => {
    const [latest] = (await (await fetch(`${listUrl}/versions?limit=1`)).json()) as Record<string, any>[];
    return latest.anchorReceipt ? latest : undefined;
  }, 'an anchored list version');
  expect(version.anchorReceipt).toMatchObject({ format: 'ldp_vc', leafAlgorithm: 'keccak256-jcs' });
  expect(version.verifiableCredential.proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
  const checked = await checkWithSnippet(
    JSON.stringify({ verifiableCredential: version.verifiableCredential, anchorReceipt: version.anchorReceipt }),
  );
  expect(checked.stderr).toBe('');
});
