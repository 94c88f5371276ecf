import { Contract, type JsonRpcProvider, Transaction, type Wallet } from 'ethers';
import { ANCHOR_CONTRACT } from './deployments.js';

export interface FeeCaps {
  /** The most the worker will ever bid per gas, in wei (EIP-1559 maxFeePerGas). */
  maxFeePerGas: bigint;
  /** The most it will tip per gas, in wei (maxPriorityFeePerGas). */
  maxPriorityFeePerGas: bigint;
}

export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface SignedAnchor {
  nonce: number;
  hash: string;
  /** The raw signed transaction: stored before it is sent, re-sent as is after a crash. */
  raw: string;
  fees: Fees;
}

/** Gas for anchor(): about 46,100 used; the margin covers a cold slot and a busier chain. */
const ANCHOR_GAS_LIMIT = 80_000n;

/**
 * The one owner of the anchoring key: signs anchor transactions and sends signed bytes. Signing and
 * sending are separate so the caller can record the transaction in between.
 */
export class AnchorWriter {
  private readonly contract: Contract;

  constructor(
    private readonly provider: JsonRpcProvider,
    private readonly wallet: Wallet,
    contractAddress: string,
    private readonly chainId: number,
    private readonly caps: FeeCaps,
  ) {
    this.contract = new Contract(contractAddress, ANCHOR_CONTRACT.abi, provider);
  }

  get address(): string {
    return this.wallet.address;
  }

  /**
   * Fees for a new transaction, or for replacing `previous`: the node's suggestion, at least
   * 12.5 % above a previous bid (what nodes require to replace), never above the caps.
   */
  async fees(previous?: Fees): Promise<Fees> {
    const suggested = await this.provider.getFeeData();
    let maxPriorityFeePerGas = suggested.maxPriorityFeePerGas ?? 1_000_000_000n;
    let maxFeePerGas = suggested.maxFeePerGas ?? 2n * maxPriorityFeePerGas;
    if (previous) {
      maxPriorityFeePerGas = max(maxPriorityFeePerGas, bump(previous.maxPriorityFeePerGas));
      maxFeePerGas = max(maxFeePerGas, bump(previous.maxFeePerGas));
    }
    return {
      maxFeePerGas: min(maxFeePerGas, this.caps.maxFeePerGas),
      maxPriorityFeePerGas: min(maxPriorityFeePerGas, this.caps.maxPriorityFeePerGas, this.caps.maxFeePerGas),
    };
  }

  /** Whether fees can still rise above `previous` under the caps. */
  canBump(previous: Fees): boolean {
    return bump(previous.maxFeePerGas) <= this.caps.maxFeePerGas && bump(previous.maxPriorityFeePerGas) <= this.caps.maxPriorityFeePerGas;
  }

  /** Signs anchor(root, leafCount) with the given nonce and fees; sends nothing. */
  async sign(root: string, leafCount: number, nonce: number, fees: Fees): Promise<SignedAnchor> {
    const data = this.contract.interface.encodeFunctionData('anchor', [root, leafCount]);
    const raw = await this.wallet.signTransaction({
      type: 2,
      chainId: this.chainId,
      to: await this.contract.getAddress(),
      data,
      nonce,
      gasLimit: ANCHOR_GAS_LIMIT,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    });
    return { nonce, hash: Transaction.from(raw).hash!, raw, fees };
  }

  /** Sends signed bytes. Sending the same bytes twice is harmless: a node that has them says so. */
  async send(raw: string): Promise<void> {
    await this.provider.broadcastTransaction(raw);
  }
}

const bump = (value: bigint) => value + value / 8n + 1n;
const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (...values: bigint[]) => values.reduce((a, b) => (a < b ? a : b));
