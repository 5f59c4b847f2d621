// ESLint: typescript-eslint's type-aware recommended rules over our own TypeScript. Layer rules
// (who may import whom, no cycles) live in .dependency-cruiser.cjs; formatting is prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'examples/', 'test/fixtures/', 'test/bench/', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are the compiler's job (noUnusedLocals / noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // Heavy or rarely needed modules (yaml, sparqljs, toml-eslint-parser, the SPARQL bundle) load with
      // `require(...) as typeof import(...)` where they are first needed: the bundles run through vm.Script,
      // which has no dynamic-import callback (ARCHITECTURE.md "Start-up is budgeted").
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // "Nothing in engine/ prints" (ARCHITECTURE.md "Layers"): the engine runs inside the language server, whose
    // stdout is the LSP channel, and inside the extension host; it reports through return values, thrown
    // PackErrors and the FlowContext's log. Only the CLI (engine/cli/) writes to the terminal.
    files: ['engine/**/*.ts'],
    ignores: ['engine/cli/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'stdout', message: 'The engine does not print: return data or log through the FlowContext.' },
        { object: 'process', property: 'stderr', message: 'The engine does not print: return data or log through the FlowContext.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['process', 'node:process'].map((name) => ({
              name,
              importNames: ['stdout', 'stderr'],
              message: 'The engine does not print.',
            })),
            ...['console', 'node:console'].map((name) => ({ name, message: 'The engine does not print.' })),
          ],
        },
      ],
    },
  },
  {
    // Tests read the JSON that real CLI and server processes print and assert on its shape, so values
    // parsed from stdout are untyped by nature; node:test awaits the promise each `test()` returns.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
