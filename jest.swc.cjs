// One swc transform for both jest tiers: TypeScript with Nest's legacy decorators and their
// metadata, emitted as native ESM (Veramo and Nest 12 are ESM-only).
module.exports = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      // Keep `with { type: 'json' }` on JSON imports (the pinned contexts): jest refuses JSON without it.
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];
