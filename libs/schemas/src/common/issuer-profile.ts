/** The institution as the issuer knows it: its DID, name, web site and, optionally, a logo URL. */
export interface IssuerProfile {
  id: string;
  name: string;
  url: string;
  image?: string;
}

/** The institution as an Open Badges 3.0 Profile, which wants the logo as an Image object. */
export interface IssuerProfileObject {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
  image?: { id: string; type: 'Image' };
}

export function issuerObject(profile: IssuerProfile): IssuerProfileObject {
  return {
    id: profile.id,
    type: ['Profile'],
    name: profile.name,
    url: profile.url,
    ...(profile.image ? { image: { id: profile.image, type: 'Image' } } : {}),
  };
}
