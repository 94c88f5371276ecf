import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import type { Signer } from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { toLowS } from '../../keys/high-s.js';
import { InvalidSigningKey, type SigningKey } from '../../keys/signing-key.js';

/** The Data Integrity cryptosuites we sign with, by curve. */
export const CRYPTOSUITES = { Ed25519: 'eddsa-rdfc-2022', 'P-256': 'ecdsa-rdfc-2019' } as const;

/** The proofs verified here: `DataIntegrityProof` with either cryptosuite, and the older `Ed25519Signature2020`. */
export function isVerifiedProofType(proof: Record<string, unknown>): boolean {
  if (proof.type === 'Ed25519Signature2020') return true;
  return proof.type === 'DataIntegrityProof' && Object.values<unknown>(CRYPTOSUITES).includes(proof.cryptosuite);
}

/** Stateless when they verify (no signer, no date), so one set serves every verification. */
export const VERIFYING_SUITES = [
  new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
  new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }),
  new Ed25519Signature2020(),
];

/** WebCrypto signs P-256 with either half of s; ours are always in the low-S form, the one links and anchor leaves are computed from. */
function lowSSigner(signer: Signer): Signer {
  if (signer.algorithm !== 'P-256') return signer;
  return { id: signer.id, algorithm: signer.algorithm, sign: async ({ data }) => toLowS('ES256', await signer.sign({ data })) };
}

/** The suite that signs with this key: eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 for P-256. */
export function signingSuite(key: SigningKey, created?: Date): DataIntegrityProof {
  if (!key.multikey) throw new InvalidSigningKey(`A ${key.curve} key signs no Data Integrity cryptosuite here (Ed25519 or P-256).`);
  const signer = lowSSigner(key.multikey.signer());
  return new DataIntegrityProof({
    signer,
    cryptosuite: key.curve === 'Ed25519' ? eddsaRdfc2022 : ecdsaRdfc2019,
    ...(created ? { date: created } : {}),
  });
}
