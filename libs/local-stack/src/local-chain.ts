import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stopChild, stopOnExit } from './child-processes.js';
import { assertPortFree, freePort } from './free-port.js';

export interface LocalChain {
  rpcUrl: string;
  chainId: number;
  stop(): Promise<void>;
}

export interface LocalChainOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** Where anvil keeps its state; absent: in memory only. */
  stateFile?: string;
  chainId?: number;
  /** Mine a block every this many seconds, besides one per transaction; confirmations need new blocks. */
  blockTimeSeconds?: number;
  log?: (line: string) => void;
}

/**
 * Private keys of anvil's default accounts, funded on every fresh local chain. They are public,
 * well-known development keys: never use them on a public network.
 */
export const LOCAL_CHAIN_FUNDED_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
] as const;

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Starts anvil from its npm package on loopback. With a state file, anvil loads it at start and
 * writes it every second and on SIGTERM, so a restart keeps every block and a crash loses at most
 * a second.
 */
export async function startLocalChain(options: LocalChainOptions = {}): Promise<LocalChain> {
  const chainId = options.chainId ?? 31337;
  if (options.port) await assertPortFree(options.port, 'CHAIN_PORT');
  const port = options.port || (await freePort());
  const args = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(chainId)];
  if (options.blockTimeSeconds) args.push('--block-time', String(options.blockTimeSeconds));
  if (options.stateFile) {
    mkdirSync(path.dirname(options.stateFile), { recursive: true });
    args.push('--state', options.stateFile, '--state-interval', '1');
  }
  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  stopOnExit(child, 'SIGTERM');
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    options.log?.(chunk.toString().trimEnd());
  });

  const rpcUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForRpc(rpcUrl, chainId, child);
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw new Error(`anvil did not start on ${rpcUrl}: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return { rpcUrl, chainId, stop: () => stopChild(child, 'SIGTERM') };
}

/** The platform binary that `@foundry-rs/anvil` installs as an optional dependency. */
function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const name = `@foundry-rs/anvil-${process.platform}-${arch}`;
  try {
    const packageDir = path.dirname(require.resolve(`${name}/package.json`));
    return path.join(packageDir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  } catch {
    throw new Error(`anvil is not installed for ${process.platform}-${arch}: ${name} is missing (run npm install)`);
  }
}

async function waitForRpc(rpcUrl: string, chainId: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}`);
    const answered = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1000),
    }).then(
      async (response) => ((await response.json()) as { result?: string }).result,
      () => undefined,
    );
    if (answered !== undefined) {
      if (Number(answered) !== chainId) throw new Error(`the node on this port serves chain ${Number(answered)}, not ${chainId}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer within ${STARTUP_TIMEOUT_MS} ms`);
}
