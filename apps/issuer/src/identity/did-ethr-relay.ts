import { Inject, Injectable, Logger } from '@nestjs/common';
import { isTransientChainError } from '#anchoring';
import { createChainProvider, createEthrResolver } from '#identity';
import type { Resolver } from 'did-resolver';
import { Contract, type JsonRpcProvider, Wallet } from 'ethers';
import { EthereumDIDRegistry, EthrDidController, interpretIdentifier } from 'ethr-did-resolver';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { type DidEthrChange, DidEthrChangesRepository } from './did-ethr-changes.repository.js';

export type { DidEthrChange } from './did-ethr-changes.repository.js';
import { IssuerIdentityService } from './issuer-identity.service.js';

/**
 * The ERC-1056 attribute that names an institution's did:web on its did:ethr. ethr-did-resolver turns
 * a `did/svc/<type>` attribute into a service of that type whose `serviceEndpoint` is the value (it has
 * no `alsoKnownAs`), so a verifier reads the did:web from the did:ethr document's service of type
 * `AlsoKnownAs`, and the did:ethr from the did:web document's `alsoKnownAs`: each names the other.
 */
export const ALSO_KNOWN_AS_ATTRIBUTE = 'did/svc/AlsoKnownAs';
export const ALSO_KNOWN_AS_SERVICE_TYPE = 'AlsoKnownAs';

/** How long the attribute holds: ERC-1056 attributes have an end; a hundred years is "for good". */
const ATTRIBUTE_VALIDITY_SECONDS = 100 * 365 * 24 * 3600;
/** What the registry's signed calls take at most (ethr-did-resolver's own default). */
const GAS_LIMIT = 123_456n;
/** How long one step waits for its transaction to be mined before leaving it to the next step. */
const MINED_WITHIN_MS = 60_000;
/** Tries of one change before it is left `failed` (each try asks the chain first, so none is applied twice). */
const MAX_ATTEMPTS = 5;

/**
 * Sends the queued changes to institutions' did:ethr: the attribute that names the did:web, and owner
 * changes (rotation). The DID's address holds no ether, so each change is signed by the DID's owner
 * key (ERC-1056's *Signed calls) and sent, and paid for, by the funded anchoring key: only the instance
 * that holds it runs this, one step at a time between anchoring steps, so its transactions never take
 * a nonce an anchor transaction waits for. Each step asks the chain first whether the change holds
 * already: a change sent before a crash is never applied twice.
 */
@Injectable()
export class DidEthrRelay {
  private readonly logger = new Logger(DidEthrRelay.name);
  private readonly provider: JsonRpcProvider;
  private readonly resolver: Resolver;

  constructor(
    private readonly changes: DidEthrChangesRepository,
    private readonly identity: IssuerIdentityService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {
    this.provider = createChainProvider(config.chain);
    this.resolver = createEthrResolver(config.chain);
  }

  /** Asks for the did:ethr to name the did:web; the relay sends it when it can. */
  requestLink(institution: { id: string; did: string; didWeb: string }): Promise<DidEthrChange> {
    return this.changes.insert({ institutionId: institution.id, did: institution.did, kind: 'also-known-as', value: institution.didWeb });
  }

  /** Asks for the did:ethr's owner to become a fresh key; it signs once the chain has the change. */
  async requestRotation(institution: { id: string; did: string }): Promise<DidEthrChange> {
    const { kid } = await this.identity.createEthrOwnerKey();
    return this.changes.insert({ institutionId: institution.id, did: institution.did, kind: 'change-owner', value: kid });
  }

  changesOf(institutionId: string): Promise<DidEthrChange[]> {
    return this.changes.ofInstitution(institutionId);
  }

  /** Asks for the link of every institution created before it existed, once. */
  async requestMissingLinks(): Promise<void> {
    for (const institution of await this.changes.institutionsWithoutLink())
      await this.requestLink({ ...institution, didWeb: this.identity.didWebOf(institution) });
  }

  /**
   * Moves the oldest open change on: done if the chain holds it, else signed and sent. False when
   * there is nothing to do, or when a transaction of the funded key waits in the node (an anchor
   * transaction not mined yet): the relay never takes a nonce while one does.
   */
  async step(): Promise<boolean> {
    const change = await this.changes.nextOpen();
    if (!change) return false;
    const sender = this.sender().address;
    const [pending, mined] = await Promise.all([
      this.provider.getTransactionCount(sender, 'pending'),
      this.provider.getTransactionCount(sender, 'latest'),
    ]);
    if (pending !== mined) return false;
    try {
      if (await this.holds(change)) {
        await this.finish(change);
        return true;
      }
      const txHash = await this.send(change);
      await this.changes.markSent(change.id, txHash);
      const receipt = await this.provider.waitForTransaction(txHash, 1, MINED_WITHIN_MS);
      if (receipt?.status === 1 && (await this.holds(change))) await this.finish(change);
      else if (receipt) await this.failedTry(change, `transaction ${txHash} did not apply the change`, true);
    } catch (error) {
      await this.failedTry(change, (error as Error).message, !isTransientChainError(error));
    }
    return true;
  }

  async close(): Promise<void> {
    this.provider.destroy();
  }

  /** Whether the chain holds the change already. */
  private async holds(change: DidEthrChange): Promise<boolean> {
    if (change.kind === 'change-owner') {
      const owner: string = await this.registry().identityOwner(addressOf(change.did));
      return owner.toLowerCase() === (await this.identity.addressOfKey(change.value)).toLowerCase();
    }
    const { didDocument } = await this.resolver.resolve(change.did);
    return (didDocument?.service ?? []).some(
      (service) => service.type === ALSO_KNOWN_AS_SERVICE_TYPE && service.serviceEndpoint === change.value,
    );
  }

  /** Signs the change with the DID's current owner key and sends it from the funded key; the transaction's hash. */
  private async send(change: DidEthrChange): Promise<string> {
    const registry = this.registry();
    // ethr-did-resolver computes the digest the registry checks (the nonce is the current owner's).
    const controller = new EthrDidController(change.did, registry as never, undefined, undefined, undefined, undefined, undefined, false);
    const { kid: ownerKid } = await this.identity.signingKeyOf(change.did);
    const identity = addressOf(change.did);
    if (change.kind === 'change-owner') {
      const newOwner = await this.identity.addressOfKey(change.value);
      const signature = await this.identity.signRegistryDigest(ownerKid, await controller.createChangeOwnerHash(newOwner));
      const tx = await registry.changeOwnerSigned(identity, signature.sigV, signature.sigR, signature.sigS, newOwner, {
        gasLimit: GAS_LIMIT,
      });
      return tx.hash as string;
    }
    const digest = await controller.createSetAttributeHash(ALSO_KNOWN_AS_ATTRIBUTE, change.value, ATTRIBUTE_VALIDITY_SECONDS);
    const signature = await this.identity.signRegistryDigest(ownerKid, digest);
    const name = `0x${Buffer.from(ALSO_KNOWN_AS_ATTRIBUTE).toString('hex').padEnd(64, '0')}`;
    const value = `0x${Buffer.from(change.value).toString('hex')}`;
    const tx = await registry.setAttributeSigned(
      identity,
      signature.sigV,
      signature.sigR,
      signature.sigS,
      name,
      value,
      ATTRIBUTE_VALIDITY_SECONDS,
      { gasLimit: GAS_LIMIT },
    );
    return tx.hash as string;
  }

  private async finish(change: DidEthrChange): Promise<void> {
    if (change.kind === 'change-owner') await this.identity.adoptEthrOwnerKey(change.did, change.value);
    await this.changes.markDone(change.id);
    this.logger.log(`${change.did}: ${change.kind} ${change.kind === 'also-known-as' ? change.value : ''} holds on chain`);
  }

  /** A try that did not take; one the change itself caused (not the chain being unreachable) counts towards giving up. */
  private async failedTry(change: DidEthrChange, error: string, counts: boolean): Promise<void> {
    const failed = counts && change.attempts + 1 >= MAX_ATTEMPTS;
    await this.changes.markFailedTry(change.id, error, failed);
    if (failed) this.logger.error(`${change.did}: ${change.kind} gave up after ${MAX_ATTEMPTS} tries: ${error}`);
    else this.logger.warn(`${change.did}: ${change.kind} not applied yet, will try again: ${error}`);
  }

  private sender(): Wallet {
    const key = this.config.anchoring.privateKey;
    if (!key) throw new Error('only the instance with ANCHORING_PRIVATE_KEY sends did:ethr changes');
    return new Wallet(key, this.provider);
  }

  private registry(): Contract {
    return new Contract(this.config.chain.didRegistry, EthereumDIDRegistry.abi, this.sender());
  }
}

function addressOf(did: string): string {
  return interpretIdentifier(did).address;
}
