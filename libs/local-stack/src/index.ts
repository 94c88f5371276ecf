export { startLocalChain, LOCAL_CHAIN_FUNDED_KEYS, type LocalChain, type LocalChainOptions } from './local-chain.js';
export { startEmbeddedPostgres, type EmbeddedDatabase, type EmbeddedPostgresOptions } from './embedded-postgres.js';
export { createDatabase, dropDatabase, canConnect, findPostgresServer, databaseUrl } from './databases.js';
export { freePort } from './free-port.js';
export { createSelfSignedCertificate, type TlsCertificate } from './self-signed-certificate.js';
