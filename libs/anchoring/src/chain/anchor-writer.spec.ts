import { type JsonRpcProvider, Wallet, ZeroAddress } from 'ethers';
import { AnchorWriter } from './anchor-writer.js';

const GWEI = 1_000_000_000n;

/** A provider that only suggests fees: all the fee logic asks of it. */
function suggesting(maxFeePerGas: bigint, maxPriorityFeePerGas: bigint): JsonRpcProvider {
  return { getFeeData: async () => ({ maxFeePerGas, maxPriorityFeePerGas, gasPrice: null }) } as unknown as JsonRpcProvider;
}

const writer = (provider: JsonRpcProvider) =>
  new AnchorWriter(provider, new Wallet(Wallet.createRandom().privateKey), ZeroAddress, 31337, {
    maxFeePerGas: 100n * GWEI,
    maxPriorityFeePerGas: 3n * GWEI,
  });

describe('AnchorWriter fees', () => {
  it("takes the node's suggestion under the caps", async () => {
    expect(await writer(suggesting(20n * GWEI, 1n * GWEI)).fees()).toEqual({ maxFeePerGas: 20n * GWEI, maxPriorityFeePerGas: 1n * GWEI });
  });

  it('never bids above the caps, however high the suggestion', async () => {
    expect(await writer(suggesting(500n * GWEI, 50n * GWEI)).fees()).toEqual({
      maxFeePerGas: 100n * GWEI,
      maxPriorityFeePerGas: 3n * GWEI,
    });
  });

  it('bids more than 12.5 % over a stuck transaction to replace it', async () => {
    const previous = { maxFeePerGas: 40n * GWEI, maxPriorityFeePerGas: 2n * GWEI };
    const fees = await writer(suggesting(20n * GWEI, 1n * GWEI)).fees(previous);
    expect(fees.maxFeePerGas * 8n).toBeGreaterThan(previous.maxFeePerGas * 9n);
    expect(fees.maxPriorityFeePerGas * 8n).toBeGreaterThan(previous.maxPriorityFeePerGas * 9n);
  });

  it('stops replacing once a bump would pass the caps', () => {
    const w = writer(suggesting(1n, 1n));
    expect(w.canBump({ maxFeePerGas: 80n * GWEI, maxPriorityFeePerGas: 2n * GWEI })).toBe(true);
    expect(w.canBump({ maxFeePerGas: 95n * GWEI, maxPriorityFeePerGas: 2n * GWEI })).toBe(false);
    expect(w.canBump({ maxFeePerGas: 50n * GWEI, maxPriorityFeePerGas: 3n * GWEI })).toBe(false);
  });
});
