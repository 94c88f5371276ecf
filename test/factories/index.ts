// Test data for every tier: institutions and their API keys, credentials of each kind and format,
// holder keys and DIDs, presentations and anchor receipts. Each call returns fresh objects.
export * from './institutions.js';
export * from './credentials.js';
export * from './receipts.js';
export * from './keys.js';
export * from './self-signed.js';
export * from './data-integrity-credential.js';
export * from './plain-credential.js';
export * from './presentations.js';
export * from './stack-dids.js';
