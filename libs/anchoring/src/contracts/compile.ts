import type { JsonFragment } from 'ethers';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What we keep of a compilation: enough to deploy, call and re-check the contract. */
export interface ContractArtifact {
  contractName: string;
  compiler: string;
  settings: { optimizer: { enabled: boolean; runs: number }; evmVersion: string };
  abi: JsonFragment[];
  bytecode: string;
  deployedBytecode: string;
}

// Pinned so the committed artifact can be reproduced byte for byte.
const SETTINGS: ContractArtifact['settings'] = { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun' };

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<string, { abi: JsonFragment[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

/**
 * Compiles one contract with the `solc` npm package (a WebAssembly build: nothing to download);
 * imports such as `@openzeppelin/contracts/...` resolve from node_modules. Used by the artifact
 * script, by the test that proves the committed artifact is the source's output, and by test
 * harnesses; the services only read the committed artifact.
 */
export function compileContract(sourcePath: string, contractName: string): ContractArtifact {
  const require = createRequire(import.meta.url);
  const solc = require('solc') as { compile(input: string, options: object): string; version(): string };
  const findImports = (importPath: string) => {
    try {
      return { contents: readFileSync(require.resolve(importPath), 'utf8') };
    } catch {
      return { error: `import not found: ${importPath}` };
    }
  };
  const sourceName = `${contractName}.sol`;
  const input = {
    language: 'Solidity',
    sources: { [sourceName]: { content: readFileSync(sourcePath, 'utf8') } },
    settings: {
      ...SETTINGS,
      metadata: { bytecodeHash: 'none' },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join('\n')}`);
  const compiled = output.contracts[sourceName][contractName];
  return {
    contractName,
    compiler: solc.version(),
    settings: SETTINGS,
    abi: compiled.abi,
    bytecode: `0x${compiled.evm.bytecode.object}`,
    deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
  };
}
