import type { JsonRpcProvider } from 'ethers';

export interface UntilOptions {
  timeoutMs?: number;
  /** The test chain mines only on transactions: a block is mined between probes, so batches gather confirmations. */
  mining?: JsonRpcProvider;
  /** Said after the timeout, such as a process's output. */
  context?: () => string;
}

/** Probes every 100 ms until the probe answers something other than `undefined` or `false`, and returns that. */
export async function until<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  { timeoutMs = 20_000, mining, context }: UntilOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${context ? `\n${context()}` : ''}`);
    if (mining) await mining.send('evm_mine', []);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
