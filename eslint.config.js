// Lint: the recommended rules, and the import boundaries that keep the layout the architecture
// (DESIGN.md): apps never import apps, libs never import apps, each lib only the libs below it,
// and code outside a package reaches it through its `#alias`, never a relative path into its src.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import rules for one package's code (specs and tests, which may reach across, are exempt):
 * `forbidden` lists what it must not import, as aliases (`#verification`) or path patterns.
 */
function boundary(files, message, forbidden) {
  const aliases = forbidden.filter((name) => name.startsWith('#'));
  const patterns = forbidden.filter((name) => !name.startsWith('#'));
  return {
    files,
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // A relative path that passes through another package's src/, or into apps/ or test/, leaves this package.
            {
              group: ['**/src/**', '**/apps/**', '**/test/**', '**/libs/**'],
              message: 'Import another package through its #alias, never by a relative path.',
            },
            ...patterns.map((group) => ({ group: [group], message })),
          ],
          // Aliases by exact name: in a pattern, a leading # would read as a comment.
          paths: aliases.map((name) => ({ name, message })),
        },
      ],
    },
  };
}

/** Which of our libs each lib may use: a lib sees only those below it. */
const LIB_DEPENDENCIES = {
  schemas: [],
  'local-stack': [],
  'service-kit': ['schemas'],
  anchoring: ['schemas'],
  identity: ['schemas', 'service-kit'],
  verification: ['schemas', 'anchoring', 'identity'],
};
const LIBS = Object.keys(LIB_DEPENDENCIES);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A timer or request read by a callback declared before it is assigned stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  // Tests read response bodies and hand-built documents loosely; code that ships reads JSON as unknown.
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'apps/*/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...LIBS.map((lib) =>
    boundary(
      [`libs/${lib}/src/**/*.ts`],
      `libs/${lib} may use only ${LIB_DEPENDENCIES[lib].map((l) => `#${l}`).join(', ') || 'no lib of ours'}.`,
      LIBS.filter((other) => other !== lib && !LIB_DEPENDENCIES[lib].includes(other)).map((other) => `#${other}`),
    ),
  ),
  boundary(['apps/issuer/src/**/*.ts'], 'The issuer never imports the verifier app.', ['**/verifier/src/**']),
  boundary(['apps/verifier/src/**/*.ts'], 'The verifier never imports the issuer app.', ['**/issuer/src/**']),
);
