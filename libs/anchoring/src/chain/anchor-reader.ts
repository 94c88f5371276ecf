import { Contract, type JsonRpcProvider } from 'ethers';
import { ANCHOR_CONTRACT } from './deployments.js';

export interface MinedTransaction {
  status: 'succeeded' | 'reverted';
  blockNumber: number;
  blockHash: string;
}

/** Every chain read the anchoring side makes, through one pinned provider. */
export class AnchorReader {
  private readonly contract: Contract;

  constructor(
    private readonly provider: JsonRpcProvider,
    readonly contractAddress: string,
  ) {
    this.contract = new Contract(contractAddress, ANCHOR_CONTRACT.abi, provider);
  }

  async chainId(): Promise<number> {
    return Number(BigInt((await this.provider.send('eth_chainId', [])) as string));
  }

  /** The block that anchored `root` by the chain's current view, or null. */
  async anchoredBlock(root: string): Promise<number | null> {
    const block = (await this.contract.anchoredBlock(root)) as bigint;
    return block === 0n ? null : Number(block);
  }

  async headNumber(): Promise<number> {
    return this.provider.getBlockNumber();
  }

  async blockHash(blockNumber: number): Promise<string | null> {
    return (await this.provider.getBlock(blockNumber))?.hash ?? null;
  }

  async blockTime(blockNumber: number): Promise<Date | null> {
    const block = await this.provider.getBlock(blockNumber);
    return block ? new Date(block.timestamp * 1000) : null;
  }

  /** Where a transaction was mined, or null while it is not in the chain's current view. */
  async minedTransaction(hash: string): Promise<MinedTransaction | null> {
    const receipt = await this.provider.getTransactionReceipt(hash);
    if (!receipt) return null;
    return { status: receipt.status === 1 ? 'succeeded' : 'reverted', blockNumber: receipt.blockNumber, blockHash: receipt.blockHash };
  }

  /** Whether the node still knows the transaction at all (mined or waiting in its pool). */
  async knowsTransaction(hash: string): Promise<boolean> {
    return (await this.provider.getTransaction(hash)) !== null;
  }

  /** Transactions of `address` the chain has mined so far: the next nonce it will accept. */
  async minedNonce(address: string): Promise<number> {
    return this.provider.getTransactionCount(address, 'latest');
  }
}
