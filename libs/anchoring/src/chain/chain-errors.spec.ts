import { makeError } from 'ethers';
import { isTransientChainError } from './chain-errors.js';

describe('isTransientChainError', () => {
  it.each(['NETWORK_ERROR', 'TIMEOUT', 'SERVER_ERROR'] as const)('retries ethers %s', (code) => {
    expect(isTransientChainError(makeError('x', code))).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])('retries a connection that failed with %s', (code) => {
    expect(isTransientChainError(Object.assign(new Error('socket'), { code }))).toBe(true);
  });

  it.each(['CALL_EXCEPTION', 'NONCE_EXPIRED', 'INSUFFICIENT_FUNDS', 'INVALID_ARGUMENT'] as const)('does not retry %s', (code) => {
    expect(isTransientChainError(makeError('x', code))).toBe(false);
  });

  it('does not retry what is not an error', () => {
    expect(isTransientChainError(undefined)).toBe(false);
    expect(isTransientChainError(new Error('boom'))).toBe(false);
  });
});
