import type { AnchorReceipt } from '#anchoring';
import type { JsonRpcProvider } from 'ethers';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { until } from '../until.js';
import type { IssuerAccess } from './credentials.js';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const SNIPPET = path.join(REPOSITORY, 'docs', 'check-receipt.mjs');

const anchorPath = (issuer: IssuerAccess, credentialId: string) =>
  `${issuer.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(credentialId)}`;

/** The receipt the issuer serves for a credential, or `undefined` while it is not anchored. */
export async function receiptOf(issuer: IssuerAccess, credentialId: string): Promise<AnchorReceipt | undefined> {
  const response = await fetch(anchorPath(issuer, credentialId));
  return response.status === 200 ? ((await response.json()) as AnchorReceipt) : undefined;
}

/** The credential's receipt, once anchored: blocks are mined meanwhile, so its batch gathers its confirmations. */
export function anchoredReceipt(issuer: IssuerAccess, credentialId: string, mining: JsonRpcProvider): Promise<AnchorReceipt> {
  return until(() => receiptOf(issuer, credentialId), `a receipt for ${credentialId}`, { mining });
}

/** The downloadable package of credential and receipt, as served (its text) and parsed; `undefined` until it has a receipt. */
export async function packageOf(
  issuer: IssuerAccess,
  credentialId: string,
): Promise<{ text: string; body: Record<string, any> } | undefined> {
  const text = await (await fetch(`${anchorPath(issuer, credentialId)}/package`)).text();
  const body = JSON.parse(text) as Record<string, any>;
  return body.anchorReceipt ? { text, body } : undefined;
}

/** A package (its text) checked by the README's own snippet, with ethers and an RPC alone: what it printed. */
export async function checkBySnippet(packaged: string, rpcUrl: string, confirmations = '2'): Promise<{ stdout: string; stderr: string }> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lc-package-')), 'credential-package.json');
  writeFileSync(file, packaged);
  return promisify(execFile)(process.execPath, [SNIPPET, file, rpcUrl, confirmations], { cwd: REPOSITORY, encoding: 'utf8' }).catch(
    (error: { stdout: string; stderr: string }) => ({ stdout: error.stdout, stderr: error.stderr }),
  );
}
