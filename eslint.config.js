import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No export * barrels: import modules by path.' },
      ],
    },
  },
  {
    // Plain Node scripts (the documented add-card example).
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The model knows nothing of UI, state stores, transport or the DOM.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'react/*'], message: 'shared/ is framework-free.' },
            { group: ['zustand', 'zustand/*'], message: 'shared/ is framework-free.' },
            { group: ['ws', 'y-websocket', 'y-websocket/*'], message: 'shared/ knows no transport.' },
            { group: ['node:*', 'fs', 'http', 'net'], message: 'shared/ runs in browsers too.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'WebSocket'],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
