import { CREDENTIAL_KINDS } from '#schemas';
import { configurationIdsOf, configurationOf, issuerMetadataOf } from './credential-issuer-metadata.js';

describe('the credential issuer metadata of an institution', () => {
  const metadata = issuerMetadataOf('https://issuer.example/institutions/example', {
    name: 'Example University',
    image: 'https://example.edu/logo.png',
  });

  it('offers every kind in both formats, each configuration named back to its kind and format', () => {
    const ids = Object.keys(metadata.credentialIssuer.credential_configurations_supported);
    expect(ids.sort()).toEqual(CREDENTIAL_KINDS.flatMap(configurationIdsOf).sort());
    for (const id of ids) expect(configurationOf(id)).toEqual({ kind: id.split('_')[0], format: id.slice(id.indexOf('_') + 1) });
    expect(configurationOf('credit_mso_mdoc')).toBeUndefined();
  });

  it("shows the institution's name and logo on the issuer and on every card", () => {
    expect(metadata.credentialIssuer.display).toEqual([
      { name: 'Example University', locale: 'en', logo: { uri: 'https://example.edu/logo.png', alt_text: 'Example University' } },
    ]);
    for (const configuration of Object.values(metadata.credentialIssuer.credential_configurations_supported))
      expect(configuration.credential_metadata?.display?.[0]).toMatchObject({
        description: 'Issued by Example University',
        logo: { uri: 'https://example.edu/logo.png' },
        background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      });
  });

  it('is its own authorization server, for pre-authorized codes only', () => {
    expect(metadata.authorizationServers[0]).toMatchObject({
      issuer: 'https://issuer.example/institutions/example',
      token_endpoint: 'https://issuer.example/institutions/example/token',
      grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
    });
  });
});
