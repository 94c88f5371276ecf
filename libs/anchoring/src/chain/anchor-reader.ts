import { Contract, type JsonRpcProvider } from 'ethers';
import { ANCHOR_CONTRACT } from './deployments.js';

/** The transaction that anchored a root, whoever sent it, as the contract's RootAnchored event names it. */
export interface RootAnchoring {
  txHash: string;
  blockNumber: number;
  blockHash: string;
  submitter: string;
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

  /**
   * The RootAnchored event of `root` in `blockNumber` (where `anchoredBlock` found it), or null when
   * that block is no longer the chain's: a reorg between the two reads.
   */
  async rootAnchoring(root: string, blockNumber: number): Promise<RootAnchoring | null> {
    const [event] = await this.contract.queryFilter(this.contract.filters.RootAnchored(root), blockNumber, blockNumber);
    if (!event || !('args' in event)) return null;
    return {
      txHash: event.transactionHash,
      blockNumber: event.blockNumber,
      blockHash: event.blockHash,
      submitter: event.args.submitter as string,
    };
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

  /** Whether the node still knows the transaction at all (mined or waiting in its pool). */
  async knowsTransaction(hash: string): Promise<boolean> {
    return (await this.provider.getTransaction(hash)) !== null;
  }

  /** Transactions of `address` the chain has mined so far: the next nonce it will accept. */
  async minedNonce(address: string): Promise<number> {
    return this.provider.getTransactionCount(address, 'latest');
  }
}
