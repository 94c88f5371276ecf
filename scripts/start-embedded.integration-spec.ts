import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '#local-stack';
import { postJson } from '../test/stack.js';
import { EXAMPLE_FACTS } from './example-facts.js';

// `npm test` builds first; this runs the built launcher exactly as `npm start` does.
const LAUNCHER = fileURLToPath(new URL('../dist/scripts/start-embedded.js', import.meta.url));

interface Started {
  child: ChildProcess;
  issuerUrl: string;
  verifierUrl: string;
  apiKey: string;
  output: () => string;
}

/**
 * Starts the embedded default in a data folder, with free ports and no DATABASE_URL, and reads its
 * banner. The issuer keeps its port across restarts, as it does by default: credentials name their
 * status lists at its URL.
 */
function start(dataDir: string, issuerPort: number, extraEnv: Record<string, string> = {}): Promise<Started> {
  const { DATABASE_URL: _embeddedInstead, ...inherited } = process.env;
  const env = {
    ...inherited,
    DATA_DIR: dataDir,
    ISSUER_PORT: String(issuerPort),
    VERIFIER_PORT: '0',
    CHAIN_PORT: '0',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child = spawn(process.execPath, [LAUNCHER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const issuer = /Issuer\s+(http\S+)/.exec(output);
      const verifier = /Verifier\s+(http\S+)/.exec(output);
      const apiKey = /API key\s+(lc_\S+)/.exec(output);
      if (issuer && verifier && apiKey && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, issuerUrl: issuer[1], verifierUrl: verifier[1], apiKey: apiKey[1], output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

/** Ctrl-C, then wait for the launcher to exit (130, as for any interrupted program); its children are checked by their ports. */
function interrupt(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.removeAllListeners('exit');
    started.child.on('exit', (code) => resolve(code));
    started.child.kill('SIGINT');
  });
}

/** Processes whose command line names the data folder: the chain (its state file) and Postgres (its cluster). */
function processesUsing(dataDir: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        return '';
      }
    })
    .filter((command) => command.includes(dataDir));
}

/** The demo alliance and its published policy, as the banner prints them. */
function demoAllianceOf(output: string): { allianceId: string; policyPage: string; policyUrl: string } {
  return {
    allianceId: /Demo alliance\s+(\S+)/.exec(output)![1],
    policyPage: /Published policy page\s+(http\S+)/.exec(output)![1],
    policyUrl: /Published policy JSON\s+(http\S+)/.exec(output)![1],
  };
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lc-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('comes up from an empty data folder with a demo alliance and a published policy, issues and verifies, stops on Ctrl-C, and keeps everything across a restart', async () => {
  const issuerPort = await freePort();
  const first = await start(dataDir, issuerPort);
  expect(processesUsing(dataDir).length).toBeGreaterThanOrEqual(2);
  const issued = await postJson(
    `${first.issuerUrl}/v1/credentials`,
    { ...EXAMPLE_FACTS.course, format: 'vc-jwt' },
    { Authorization: `Bearer ${first.apiKey}` },
  );
  expect(issued.status).toBe(201);
  // The credential names its status lists by host name, and the verifier reaches them through it.
  expect(issued.body.verifiableCredential.credentialStatus[0].statusListCredential).toMatch(/^http:\/\/localhost:\d+\//);
  const verified = (await postJson(`${first.verifierUrl}/credentials/verify`, issued.body)).body;
  expect(verified.checks.find((check: { check: string }) => check.check === 'status')).toEqual({ check: 'status', status: 'valid' });
  expect(verified.verdict).toBe('verified');
  const chainUrl = /Chain\s+(http\S+)/.exec(first.output())![1];
  const printed = demoAllianceOf(first.output());
  const page = await fetch(printed.policyPage);
  expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
  const policy = (await (await fetch(printed.policyUrl)).json()) as { version: number; state: string; approvals: unknown[] };
  expect(policy).toMatchObject({ version: 1, state: 'published' });
  expect(policy.approvals).toHaveLength(2);

  expect(await interrupt(first)).toBe(130);
  expect(await answers(`${first.issuerUrl}/health`)).toBe(false);
  expect(await answers(chainUrl)).toBe(false);
  expect(processesUsing(dataDir)).toEqual([]);

  const second = await start(dataDir, issuerPort);
  try {
    expect(first.output()).toMatch(/EthereumDIDRegistry deployed.*CredentialAnchor deployed/s);
    expect(second.output()).not.toContain('deployed at');
    expect(second.apiKey).toBe(first.apiKey);
    expect(demoAllianceOf(second.output())).toEqual(printed);
    const alliances = (await (
      await fetch(`${second.issuerUrl}/v1/alliances`, { headers: { Authorization: `Bearer ${second.apiKey}` } })
    ).json()) as { id: string }[];
    expect(alliances.map((alliance) => alliance.id)).toEqual([printed.allianceId]);
    const policies = (await (
      await fetch(`${second.issuerUrl}/v1/alliances/${printed.allianceId}/policies`, {
        headers: { Authorization: `Bearer ${second.apiKey}` },
      })
    ).json()) as unknown[];
    expect(policies).toHaveLength(1);
    const report = await postJson(`${second.verifierUrl}/credentials/verify`, issued.body);
    expect(report.body.verdict).toBe('verified');
    const fetched = await fetch(`${second.issuerUrl}/v1/credentials/${encodeURIComponent(issued.body.id)}`, {
      headers: { Authorization: `Bearer ${second.apiKey}` },
    });
    expect(fetched.status).toBe(200);
    const again = await postJson(
      `${second.issuerUrl}/v1/credentials`,
      { ...EXAMPLE_FACTS.credit, format: 'vc-jwt' },
      { Authorization: `Bearer ${second.apiKey}` },
    );
    expect((await postJson(`${second.verifierUrl}/credentials/verify`, again.body)).body.verdict).toBe('verified');
  } finally {
    expect(await interrupt(second)).toBe(130);
    expect(processesUsing(dataDir)).toEqual([]);
  }
}, 240_000);

/** A JSON POST over https trusting only the given certificate, as a client of HTTPS_SELF_SIGNED is told to. */
function postTrusting(ca: string, url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'POST', ca, headers: { 'Content-Type': 'application/json', ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('HTTPS_SELF_SIGNED=true', () => {
  const httpsDataDir = mkdtempSync(path.join(os.tmpdir(), 'lc-embedded-https-'));
  afterAll(() => rmSync(httpsDataDir, { recursive: true, force: true }));

  it('serves the issuer over https with a certificate it keeps in the data folder, and its lists verify over https', async () => {
    const started = await start(httpsDataDir, await freePort(), { HTTPS_SELF_SIGNED: 'true' });
    try {
      expect(started.issuerUrl).toMatch(/^https:\/\/localhost:\d+$/);
      const ca = readFileSync(path.join(httpsDataDir, 'tls', 'cert.pem'), 'utf8');
      // Without the certificate, a client refuses the issuer; with it, the W3C Bitstring Status List suite's credential is issued.
      await expect(fetch(`${started.issuerUrl}/health`)).rejects.toThrow();
      const didWeb = `did:web:${encodeURIComponent(new URL(started.issuerUrl).host)}:institutions:demo-university`;
      const issued = await postTrusting(
        ca,
        `${started.issuerUrl}/credentials/issue`,
        {
          credential: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiableCredential'],
            issuer: didWeb,
            credentialSubject: { id: 'did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r' },
          },
          options: { format: 'ldp_vc' },
        },
        { Authorization: `Bearer ${started.apiKey}` },
      );
      expect(issued.status).toBe(201);
      const { verifiableCredential } = issued.body;
      expect(verifiableCredential.credentialStatus.statusListCredential).toMatch(/^https:\/\/localhost:\d+\/v1\/status-lists\//);
      // The embedded verifier trusts the issuer's certificate: the did:web document and the status list come over https.
      const report = await postJson(`${started.verifierUrl}/credentials/verify`, { verifiableCredential });
      const statusOf = (name: string) => report.body.checks.find((check: { check: string }) => check.check === name).status;
      expect([report.status, report.body.verdict, statusOf('signature'), statusOf('status')]).toEqual([200, 'verified', 'valid', 'valid']);
    } finally {
      expect(await interrupt(started)).toBe(130);
    }
  }, 240_000);
});
