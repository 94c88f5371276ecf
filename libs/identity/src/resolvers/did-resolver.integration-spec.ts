import { DID_REGISTRY } from '#anchoring';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { Contract, JsonRpcProvider, parseEther, Wallet } from 'ethers';
import { testEnvironment } from '../../../../test/test-environment.js';
import { didJwkPair, ethrKeyPair } from '../../../../test/factories/keys.js';
import { importSigningKey, type SigningKey } from '../keys/signing-key.js';
import { signVcJwt } from '../proofs/vc-jose/sign-vc-jwt.js';
import { didKeyResolver } from '../proofs/vc-jose/verification-key.js';
import { verifyVcJwt } from '../proofs/vc-jose/verify-vc-jwt.js';
import { createDidResolver } from './did-resolver.js';
import { plainCredential } from '../../../../test/factories/plain-credential.js';

/** A secp256k1 wallet's key as the JWK pair the signers take, named as its did:ethr's controller key. */
const ethrKey = (wallet: { privateKey: string; signingKey: { publicKey: string } }, did: string): Promise<SigningKey> =>
  importSigningKey(ethrKeyPair(wallet, did));

describe('createDidResolver on the local chain', () => {
  const env = testEnvironment();
  const ethr = { rpcUrl: env.chainRpcUrl, chainId: env.chainId, didRegistry: env.didRegistry };
  const resolveKey = didKeyResolver(createDidResolver({ ethr }));
  let provider: JsonRpcProvider;

  beforeAll(() => {
    provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true });
  });
  afterAll(() => provider.destroy());

  it("verifies a vc+jwt ES256K of a did:ethr by its controller's address, and no longer once the DID has a new owner", async () => {
    const owner = Wallet.createRandom().connect(provider);
    const did = `did:ethr:0x${env.chainId.toString(16)}:${owner.address}`;
    const key = await ethrKey(owner, did);
    const jws = signVcJwt(plainCredential(did), key);
    expect(await verifyVcJwt(jws, { resolveKey })).toEqual({
      status: 'valid',
      verificationMethod: `${did}#controller`,
      signer: did,
      credential: plainCredential(did),
    });

    await (await new Wallet(LOCAL_CHAIN_FUNDED_KEYS[4], provider).sendTransaction({ to: owner.address, value: parseEther('1') })).wait();
    const successor = Wallet.createRandom();
    await (
      await new Contract(env.didRegistry, DID_REGISTRY.abi, owner).getFunction('changeOwner')(owner.address, successor.address)
    ).wait();
    expect(await verifyVcJwt(jws, { resolveKey })).toMatchObject({ status: 'invalid', code: 'SIGNATURE_INVALID' });
    expect(await verifyVcJwt(signVcJwt(plainCredential(did), await ethrKey(successor, did)), { resolveKey })).toMatchObject({
      status: 'valid',
      signer: did,
    });
  });

  it('does not resolve a did:ethr of another chain, and still resolves did:jwk offline beside it', async () => {
    const stranger = Wallet.createRandom();
    const did = `did:ethr:0x1:${stranger.address}`;
    expect(await verifyVcJwt(signVcJwt(plainCredential(did), await ethrKey(stranger, did)), { resolveKey })).toMatchObject({
      status: 'invalid',
      code: 'ISSUER_DID_UNRESOLVABLE',
    });
    const key = await importSigningKey(didJwkPair('P-256'));
    expect(await verifyVcJwt(signVcJwt(plainCredential(key.controller), key), { resolveKey })).toMatchObject({ status: 'valid' });
  });
});
