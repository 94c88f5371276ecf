import { type AuthorizationServerMetadata, preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import {
  type CredentialConfigurationsSupportedWithFormats,
  type CredentialIssuerMetadata,
  type IssuerMetadataResult,
  Openid4vciVersion,
} from '@openid4vc/openid4vci';
import { CONTEXT_URLS, type CredentialKind, CREDENTIAL_KINDS } from '#schemas';
import type { HolderBoundFormat } from '../credentials/credential-issuance.service.js';

/** The OpenID4VCI formats offered for every kind, and how the issuer signs each. */
export const WALLET_FORMATS = {
  /** VCDM 2.0, Data Integrity eddsa-rdfc-2022 by the institution's did:web. */
  ldp_vc: 'ldp_vc',
  /** VCDM 1.1 VC-JWT, ES256K by the institution's did:ethr. */
  jwt_vc_json: 'vc-jwt',
} as const satisfies Record<string, HolderBoundFormat>;
export type WalletFormat = keyof typeof WALLET_FORMATS;

/** Holder-binding proofs accepted: a plain JWK, did:jwk and did:key (Ed25519, P-256). `Ed25519` is EdDSA's newer, fully specified name. */
export const PROOF_ALGORITHMS = ['ES256', 'EdDSA', 'Ed25519'];
const BINDING_METHODS = ['jwk', 'did:jwk', 'did:key'];

/** What a wallet shows of an institution and its credentials. */
export interface IssuerDisplay {
  name: string;
  /** A logo URL, when the institution has one. */
  image?: string;
}

/** The Open Badges type of each kind's credential. */
const KIND_TYPES: Record<CredentialKind, string> = {
  course: 'OpenBadgeCredential',
  certificate: 'OpenBadgeCredential',
  credit: 'AchievementCredential',
};

const KIND_NAMES: Record<CredentialKind, string> = {
  course: 'Course completed',
  certificate: 'Certificate',
  credit: 'Academic credits',
};

/** Colours a wallet's card gets: the institution has none of its own yet, so a dark blue with white text, readable either way. */
const CARD_COLOURS = { background_color: '#12355b', text_color: '#ffffff' };

/** A configuration's id: the kind and the format, e.g. `credit_ldp_vc`. */
export function configurationIdOf(kind: CredentialKind, format: WalletFormat): string {
  return `${kind}_${format}`;
}

export function configurationIdsOf(kind: CredentialKind): string[] {
  return (Object.keys(WALLET_FORMATS) as WalletFormat[]).map((format) => configurationIdOf(kind, format));
}

/** The kind and format a configuration id names, or undefined for an id that is not ours. */
export function configurationOf(id: string): { kind: CredentialKind; format: WalletFormat } | undefined {
  for (const kind of CREDENTIAL_KINDS)
    for (const format of Object.keys(WALLET_FORMATS) as WalletFormat[]) if (configurationIdOf(kind, format) === id) return { kind, format };
  return undefined;
}

function credentialConfigurations(display: IssuerDisplay): CredentialConfigurationsSupportedWithFormats {
  const configurations: CredentialConfigurationsSupportedWithFormats = {};
  for (const kind of CREDENTIAL_KINDS) {
    const type: [string, ...string[]] = ['VerifiableCredential', KIND_TYPES[kind]];
    const cardDisplay = [
      {
        name: KIND_NAMES[kind],
        description: `Issued by ${display.name}`,
        locale: 'en',
        ...(display.image ? { logo: { uri: display.image, alt_text: display.name } } : {}),
        ...CARD_COLOURS,
      },
    ];
    const common = {
      cryptographic_binding_methods_supported: BINDING_METHODS,
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: PROOF_ALGORITHMS } },
      // 1.0 wallets read the display here and take its presence as a sign of a 1.0 issuer.
      credential_metadata: { display: cardDisplay },
    };
    configurations[configurationIdOf(kind, 'ldp_vc')] = {
      format: 'ldp_vc',
      credential_definition: {
        '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3],
        type,
      },
      credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
      ...common,
    };
    configurations[configurationIdOf(kind, 'jwt_vc_json')] = {
      format: 'jwt_vc_json',
      credential_definition: { type },
      credential_signing_alg_values_supported: ['ES256K'],
      ...common,
    };
  }
  return configurations;
}

/**
 * One credential issuer per institution, at `<ISSUER_PUBLIC_URL>/institutions/<slug>` (where its
 * did:web lives too), which is also its own authorization server: a wallet shows the institution as
 * the issuer, and each configuration (a kind in a format) as a card with the institution's name.
 */
export function issuerMetadataOf(issuerUrl: string, display: IssuerDisplay): IssuerMetadataResult {
  const configurations = credentialConfigurations(display);
  const credentialIssuer: CredentialIssuerMetadata = {
    credential_issuer: issuerUrl,
    credential_endpoint: `${issuerUrl}/credential`,
    nonce_endpoint: `${issuerUrl}/nonce`,
    display: [{ name: display.name, locale: 'en', ...(display.image ? { logo: { uri: display.image, alt_text: display.name } } : {}) }],
    credential_configurations_supported: configurations,
  };
  const authorizationServer: AuthorizationServerMetadata = {
    issuer: issuerUrl,
    token_endpoint: `${issuerUrl}/token`,
    jwks_uri: `${issuerUrl}/jwks.json`,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier],
    'pre-authorized_grant_anonymous_access_supported': true,
    token_endpoint_auth_methods_supported: ['none'],
    dpop_signing_alg_values_supported: ['ES256', 'EdDSA'],
  };
  return {
    originalDraftVersion: Openid4vciVersion.V1,
    credentialIssuer,
    authorizationServers: [authorizationServer],
    knownCredentialConfigurations: configurations,
  };
}
