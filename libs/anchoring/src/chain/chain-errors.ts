import { isError } from 'ethers';

/**
 * Errors worth retrying: the node or the network did not answer (timeouts, dropped connections,
 * 429 and 5xx). Everything else (a revert, a bad nonce, no funds, a wrong argument) is a fact about
 * the transaction that retrying will not change. Classified by ethers' codes, never by message.
 */
export function isTransientChainError(error: unknown): boolean {
  return isError(error, 'NETWORK_ERROR') || isError(error, 'TIMEOUT') || isError(error, 'SERVER_ERROR');
}
