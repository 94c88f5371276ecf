import 'reflect-metadata';
import { CREDENTIAL_KINDS } from '#schemas';
import exitHook from 'async-exit-hook';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEmbeddedConfig } from './embedded.config.js';
import { startEmbeddedStack } from './embedded-stack.js';
import { EXAMPLE_FACTS } from './example-facts.js';

const log = (line: string) => console.log(`[start] ${line}`);
const config = loadEmbeddedConfig();
const stack = await startEmbeddedStack(config, log).catch((error: Error) => {
  console.error(`[start] could not start: ${error.message}`);
  process.exit(1);
});

const examplesDir = path.join(config.dataDir, 'examples');
mkdirSync(examplesDir, { recursive: true });
for (const kind of CREDENTIAL_KINDS) {
  writeFileSync(path.join(examplesDir, `${kind}.json`), JSON.stringify(EXAMPLE_FACTS[kind], null, 2));
}
const relativeExamples = path.relative(process.cwd(), examplesDir) || '.';

console.log(`
  Issuer    ${stack.issuerUrl}
  Verifier  ${stack.verifierUrl}
  Data      ${config.dataDir}
  Chain     ${stack.chainRpcUrl}  (anchor contract ${stack.anchorContract})

  Admin token                ${stack.adminToken}
  Demo institution           ${stack.demo.id}  (${stack.demo.did})
  Demo institution API key   ${stack.demo.apiKey}
  Demo alliance              ${stack.alliance.allianceId}  (founded by the demo institution; 2 approvals publish a policy)
  Published policy page      ${stack.alliance.policyPage}
  Published policy JSON      ${stack.alliance.policyUrl}
  Demo alliance members      ${stack.alliance.recordFile}  (their API keys and approver keys)

  Issue a course credential (also: certificate.json, credit.json) and verify it:

  curl -s -X POST ${stack.issuerUrl}/v1/credentials \\
    -H 'Authorization: Bearer ${stack.demo.apiKey}' -H 'Content-Type: application/json' \\
    -d @${relativeExamples}/course.json | tee course-credential.json

  curl -s -X POST ${stack.verifierUrl}/credentials/verify \\
    -H 'Content-Type: application/json' -d @course-credential.json

  As a receiving school, ask a student's wallet for credits (open its "page" in a browser):

  curl -s -X POST ${stack.verifierUrl}/presentation-requests -H 'Content-Type: application/json' -d '{}'

  Make a verification link (open it in a browser) and its QR code:

  ID=$(node -p 'require("./course-credential.json").id')
  curl -s -X POST ${stack.issuerUrl}/v1/credentials/$ID/verification-link \\
    -H 'Authorization: Bearer ${stack.demo.apiKey}'

  Offer it to the learner's wallet (OpenID4VCI), then open the claim page it names in a browser: the
  QR code and the openid-credential-offer:// link. For a PIN as well (tx_code, shown once), send
  -H 'Content-Type: application/json' -d '{"txCode": true}'.

  curl -s -X POST ${stack.issuerUrl}/v1/credentials/$ID/offer \\
    -H 'Authorization: Bearer ${stack.demo.apiKey}' | tee offer.json
  node -p 'require("./offer.json").claimPage'

  Revoke it (a wallet's copy is revoked with it), then verify it again:

  curl -s -X POST ${stack.issuerUrl}/credentials/status \\
    -H 'Authorization: Bearer ${stack.demo.apiKey}' -H 'Content-Type: application/json' \\
    -d '{"credentialId": "'$ID'", "credentialStatus": [{"type": "BitstringStatusListCredential", "status": "revoked"}], "reason": "Issued in error"}'

  Ctrl-C stops everything; the next npm start keeps the chain, the database and the keys.
`);

// The embedded Postgres package already stops its servers through async-exit-hook on Ctrl-C and
// SIGTERM; the rest of the stack joins the same hook, so one mechanism waits for every stop before
// the process exits (with 130 or 143, as shells expect of an interrupted program).
exitHook((done) => {
  log('stopping');
  void stack.stop().then(done);
});
