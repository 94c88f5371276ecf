// The digitalbazaar Data Integrity libraries ship JavaScript without types: these are the parts we
// call, as their sources define them.

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Signer {
    id: string;
    algorithm: string;
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): Signer;
  }
  export function from(key: object): Promise<KeyPair>;
  export function fromJwk(options: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<KeyPair>;
  export function toJwk(options: { keyPair: KeyPair; secretKey?: boolean }): Promise<Record<string, string>>;
}

declare module '@digitalbazaar/ecdsa-multikey' {
  export type { KeyPair, Signer } from '@digitalbazaar/ed25519-multikey';
  import type { KeyPair } from '@digitalbazaar/ed25519-multikey';
  export function from(key: object): Promise<KeyPair>;
  export function fromJwk(options: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<KeyPair>;
  export function toJwk(options: { keyPair: KeyPair; secretKey?: boolean }): Promise<Record<string, string>>;
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: object;
}

declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: object;
}

declare module '@digitalbazaar/data-integrity' {
  import type { Signer } from '@digitalbazaar/ed25519-multikey';
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: object; signer?: Signer; date?: Date | string });
  }
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: object);
  }
}

declare module 'jsonld-signatures' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: object;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface PurposeValidation {
    valid: boolean;
    error?: Error;
    controller?: { id?: string };
  }
  export interface ProofResult {
    verified: boolean;
    proof?: Record<string, unknown>;
    verificationMethod?: { id: string; controller?: string };
    purposeResult?: PurposeValidation;
    error?: Error;
  }
  export interface VerificationResult {
    verified: boolean;
    results?: ProofResult[];
    error?: Error;
  }
  export class ProofPurpose {
    constructor(options: { term: string });
    readonly term: string;
    update(proof: Record<string, unknown>, options: object): Promise<Record<string, unknown>>;
    validate(proof: Record<string, unknown>, options: object): Promise<PurposeValidation>;
  }
  interface Options {
    suite: object | object[];
    purpose: ProofPurpose;
    documentLoader: DocumentLoader;
  }
  const jsigs: {
    sign<T extends object>(document: T, options: Options): Promise<T & { proof: Record<string, unknown> }>;
    verify(document: object, options: Options): Promise<VerificationResult>;
    purposes: { ProofPurpose: typeof ProofPurpose };
  };
  export default jsigs;
}
