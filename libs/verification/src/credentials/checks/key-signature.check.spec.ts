import { ES256KSigner, hexToBytes } from 'did-jwt';
import { createVerifiableCredentialJwt } from 'did-jwt-vc';
import { SigningKey, Wallet } from 'ethers';
import { highSTwin } from '../../../../../test/high-s-twin.js';
import { checkFormat } from './format.check.js';
import { KeySignatureCheck } from './key-signature.check.js';

const { privateKey } = Wallet.createRandom();
const compressed = SigningKey.computePublicKey(privateKey, true).slice(2);
const did = `did:ethr:0x7a69:0x${compressed}`;

async function signed({ alg = 'ES256K', issuer = did, key = privateKey } = {}): Promise<string> {
  const credential = {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential'],
    issuer,
    issuanceDate: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:1', name: 'Ada' },
  };
  return createVerifiableCredentialJwt(credential, { did: issuer, signer: ES256KSigner(hexToBytes(key), alg === 'ES256K-R'), alg });
}

async function outcomeOf(jwt: string, key = { did, publicKeyHex: compressed }) {
  const outcome = await new KeySignatureCheck(key).run(checkFormat(jwt).parsed!);
  return { status: outcome.status, code: outcome.reason?.code };
}

describe('KeySignatureCheck', () => {
  it('passes a signature by the key, given compressed or not', async () => {
    const jwt = await signed();
    expect(await outcomeOf(jwt)).toEqual({ status: 'valid', code: undefined });
    expect(await outcomeOf(jwt, { did, publicKeyHex: SigningKey.computePublicKey(privateKey, false).slice(2) })).toEqual({
      status: 'valid',
      code: undefined,
    });
  });

  it('fails a JWT that names another issuer, or that another key signed', async () => {
    expect(await outcomeOf(await signed({ issuer: 'did:ethr:0x7a69:0x0000000000000000000000000000000000000001' }))).toEqual({
      status: 'invalid',
      code: 'SIGNATURE_INVALID',
    });
    expect(await outcomeOf(await signed({ key: Wallet.createRandom().privateKey }))).toEqual({
      status: 'invalid',
      code: 'SIGNATURE_INVALID',
    });
  });

  it('fails the high-S twin, an algorithm but ES256K, and a key that is not secp256k1', async () => {
    expect(await outcomeOf(highSTwin(await signed()))).toEqual({ status: 'invalid', code: 'SIGNATURE_HIGH_S' });
    expect(await outcomeOf(await signed({ alg: 'ES256K-R' }))).toEqual({ status: 'invalid', code: 'SIGNATURE_ALGORITHM_NOT_ACCEPTED' });
    expect(await outcomeOf(await signed(), { did, publicKeyHex: 'abcd' })).toEqual({ status: 'invalid', code: 'SIGNATURE_INVALID' });
  });
});
