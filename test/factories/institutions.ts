import { postJson } from '../stack.js';

/** Where an issuer listens and how its admin API is opened: a test stack, or an issuer a test started itself. */
export interface AdminAccess {
  issuerUrl: string;
  adminToken: string;
}

/** An institution as the admin API created it, with both its DIDs and an API key of its own. */
export interface TestInstitution {
  id: string;
  name: string;
  /** The did:ethr. */
  did: string;
  didWeb: string;
  slug: string;
  apiKey: string;
}

export interface InstitutionRequest {
  name?: string;
  url?: string;
  image?: string;
  slug?: string;
}

export const adminAuth = (issuer: Pick<AdminAccess, 'adminToken'>) => ({ Authorization: `Bearer ${issuer.adminToken}` });

/** The header that authenticates an institution's API calls. */
export const authOf = (institution: Pick<TestInstitution, 'apiKey'>) => ({ Authorization: `Bearer ${institution.apiKey}` });

/** A fresh institution through the admin API ('Test University' unless named), and an API key for it. */
export async function createInstitution(issuer: AdminAccess, request: InstitutionRequest = {}): Promise<TestInstitution> {
  const created = await postJson(
    `${issuer.issuerUrl}/v1/admin/institutions`,
    { name: 'Test University', url: 'https://test.example', ...request },
    adminAuth(issuer),
  );
  if (created.status !== 201) throw new Error(`creating an institution answered ${created.status}: ${JSON.stringify(created.body)}`);
  const { id, name, did, didWeb, slug } = created.body as Omit<TestInstitution, 'apiKey'>;
  return { id, name, did, didWeb, slug, apiKey: await createApiKey(issuer, id) };
}

/** A new API key of an existing institution. */
export async function createApiKey(issuer: AdminAccess, institutionId: string, label?: string): Promise<string> {
  const created = await postJson(
    `${issuer.issuerUrl}/v1/admin/institutions/${institutionId}/api-keys`,
    label === undefined ? {} : { label },
    adminAuth(issuer),
  );
  if (created.status !== 201) throw new Error(`creating an API key answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body.apiKey as string;
}
