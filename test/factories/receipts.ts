import { ANCHOR_CONTRACT, type AnchorReceipt, anchorReceiptOf, MerkleTree, signedHashOf } from '#anchoring';
import type { SignedBytes } from '#schemas';
import { Contract, type JsonRpcProvider, type Signer } from 'ethers';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testEnvironment } from '../test-environment.js';
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

/**
 * Signed documents anchored by hand in one batch of the run's anchor contract, sent by `signer` as
 * the worker would send it, and the receipt of each, in order.
 */
export async function anchorByHand(documents: SignedBytes[], signer: Signer): Promise<AnchorReceipt[]> {
  const env = testEnvironment();
  const tree = await MerkleTree.build(documents.map(signedHashOf));
  const mined = (await (
    await new Contract(env.anchorContract, ANCHOR_CONTRACT.abi, signer).getFunction('anchor')(tree.root, tree.size)
  ).wait())!;
  const block = (await signer.provider!.getBlock(mined.blockNumber))!;
  return documents.map((document, index) =>
    anchorReceiptOf(document.format, {
      leaf: signedHashOf(document),
      proof: tree.proof(index),
      root: tree.root,
      chainId: env.chainId,
      contract: env.anchorContract,
      txHash: mined.hash,
      blockNumber: mined.blockNumber,
      anchoredAt: new Date(block.timestamp * 1000).toISOString(),
    }),
  );
}
