// Sign and verify rates of each proof format, one at a time on one core, beside the bare signature
// primitive of its algorithm (node:crypto), so that the cost of canonicalisation and of the rest of
// each format is visible. A script, not a test: it prints figures and asserts nothing.
import {
  createDidResolver,
  createDocumentLoader,
  didKeyResolver,
  importSigningKey,
  type SigningCurve,
  type SigningKey,
  signDataIntegrityCredential,
  signVcJwt,
  verifyDataIntegrityCredential,
  verifyVcJwt,
} from '#identity';
import { generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

/** Runs the operation one after another for the given time (after a short warm-up) and answers the rate per second. */
async function rate(operation: () => unknown): Promise<number> {
  for (let i = 0; i < 20; i += 1) await operation();
  const started = process.hrtime.bigint();
  const until = started + BigInt(SECONDS * 1e9);
  let count = 0;
  while (process.hrtime.bigint() < until) {
    await operation();
    count += 1;
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** A fresh did:jwk key pair of the curve, ready to sign. */
async function didJwkKey(curve: SigningCurve): Promise<SigningKey> {
  const { privateKey } = curve === 'Ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: curve });
  const secretKeyJwk = privateKey.export({ format: 'jwk' });
  const { d: _secret, ...publicKeyJwk } = secretKeyJwk;
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicKeyJwk)).toString('base64url')}`;
  return importSigningKey({ type: 'JsonWebKey', id: `${did}#0`, controller: did, publicKeyJwk, secretKeyJwk });
}

/** A plain VCDM 2.0 credential (terms the credentials context alone defines), about 700 bytes. */
function credentialOf(issuer: string): object {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:2f9c3d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    type: ['VerifiableCredential'],
    issuer: { id: issuer, name: 'Example University' },
    name: 'Linear Algebra',
    description: 'Vector spaces, linear maps, eigenvalues. Passed the written examination in the spring term.',
    validFrom: '2026-06-30T00:00:00Z',
    validUntil: '2036-06-30T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', name: 'Linear Algebra, 6 ECTS, grade B', description: 'MATH-201, EQF level 6' },
  };
}

/** 1EdTech's simple Open Badges 3.0 example (OB 3.0.3 context, VCDM 2.0), its proof taken off, issued by `issuer`. */
function openBadgeOf(issuer: string): object {
  const example = JSON.parse(
    readFileSync(new URL('../../libs/identity/test/fixtures/1edtech-ob30/simple.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const { proof: _proof, ...unsigned } = example;
  return { ...unsigned, issuer: { ...(unsigned.issuer as object), id: issuer } };
}

const format = (value: number) => value.toFixed(0).padStart(7);

async function main(): Promise<void> {
  console.log(`Proof format benchmark: one credential at a time, one core, ${SECONDS} s per figure, Node ${process.version}`);
  const documentLoader = createDocumentLoader(createDidResolver());
  const resolveKey = didKeyResolver(createDidResolver());
  const message = Buffer.from(JSON.stringify(credentialOf('did:example:issuer')));
  const raw = async (name: string, curve: SigningCurve, hash: string | null) => {
    const { privateKey, publicKey } =
      curve === 'Ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: curve });
    const signature = sign(hash, message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const signing = await rate(() => sign(hash, message, { key: privateKey as KeyObject, dsaEncoding: 'ieee-p1363' }));
    const verifying = await rate(() => verify(hash, message, { key: publicKey as KeyObject, dsaEncoding: 'ieee-p1363' }, signature));
    console.log(`  ${name.padEnd(44)} sign ${format(signing)}/s  verify ${format(verifying)}/s`);
  };
  const formatRates = async (
    name: string,
    curve: SigningCurve,
    signWith: (credential: object, key: SigningKey) => Promise<unknown>,
    verifyIt: (signed: unknown) => Promise<{ status: string }>,
    document = credentialOf,
  ) => {
    const key = await didJwkKey(curve);
    const credential = document(key.controller);
    const signed = await signWith(credential, key);
    const outcome = await verifyIt(signed);
    if (outcome.status !== 'valid') throw new Error(`${name} does not verify: ${JSON.stringify(outcome)}`);
    const signing = await rate(() => signWith(credential, key));
    const verifying = await rate(() => verifyIt(signed));
    console.log(`  ${name.padEnd(44)} sign ${format(signing)}/s  verify ${format(verifying)}/s`);
  };
  const ldp = (credential: object, key: SigningKey) => signDataIntegrityCredential(credential, key, { documentLoader });
  const verifyLdp = (signed: unknown) => verifyDataIntegrityCredential(signed, { documentLoader });
  const jwt = async (credential: object, key: SigningKey) => signVcJwt(credential, key);
  const verifyJwt = (signed: unknown) => verifyVcJwt(signed, { resolveKey });

  console.log('Ed25519');
  await raw('node:crypto Ed25519', 'Ed25519', null);
  await formatRates('vc+jwt EdDSA (did:jwk)', 'Ed25519', jwt, verifyJwt);
  await formatRates('ldp_vc eddsa-rdfc-2022 (did:jwk)', 'Ed25519', ldp, verifyLdp);
  await formatRates('vc+jwt EdDSA, an OB 3.0 credential', 'Ed25519', jwt, verifyJwt, openBadgeOf);
  await formatRates('ldp_vc eddsa-rdfc-2022, an OB 3.0 credential', 'Ed25519', ldp, verifyLdp, openBadgeOf);
  console.log('P-256');
  await raw('node:crypto P-256 (SHA-256)', 'P-256', 'sha256');
  await formatRates('vc+jwt ES256 (did:jwk)', 'P-256', jwt, verifyJwt);
  await formatRates('ldp_vc ecdsa-rdfc-2019 (did:jwk)', 'P-256', ldp, verifyLdp);
  await formatRates('ldp_vc ecdsa-rdfc-2019, an OB 3.0 credential', 'P-256', ldp, verifyLdp, openBadgeOf);
  console.log('secp256k1');
  await raw('node:crypto secp256k1 (SHA-256)', 'secp256k1', 'sha256');
  await formatRates('vc+jwt ES256K (did:jwk)', 'secp256k1', jwt, verifyJwt);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
