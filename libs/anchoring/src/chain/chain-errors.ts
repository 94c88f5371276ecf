import { isError } from 'ethers';

/** Node's own codes for a connection that failed or broke: ethers passes them through as they are. */
const NETWORK_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * Errors worth retrying: the node or the network did not answer (timeouts, which is also how
 * ethers ends its retries of a 429, 5xx answers, refused or dropped connections). Everything else (a
 * revert, a bad nonce, no funds, a wrong argument) is a fact about the transaction that retrying
 * will not change. Classified by code, never by message.
 */
export function isTransientChainError(error: unknown): boolean {
  if (isError(error, 'NETWORK_ERROR') || isError(error, 'TIMEOUT') || isError(error, 'SERVER_ERROR')) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_FAILURES.has(code);
}
