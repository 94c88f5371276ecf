import { fileURLToPath } from 'node:url';
import { CREDENTIAL_ANCHOR_ARTIFACT } from './credential-anchor.artifact.js';
import { compileContract } from './compile.js';

it('the committed anchor artifact is exactly what the Solidity source compiles to', () => {
  const compiled = compileContract(fileURLToPath(new URL('../../contracts/CredentialAnchor.sol', import.meta.url)), 'CredentialAnchor');
  expect(compiled.bytecode).toBe(CREDENTIAL_ANCHOR_ARTIFACT.bytecode);
  expect(compiled.deployedBytecode).toBe(CREDENTIAL_ANCHOR_ARTIFACT.deployedBytecode);
  expect(compiled.abi).toEqual(CREDENTIAL_ANCHOR_ARTIFACT.abi);
  expect(compiled.compiler).toBe(CREDENTIAL_ANCHOR_ARTIFACT.compiler);
});
