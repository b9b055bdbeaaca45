// Flat config. Besides the usual checks it enforces where code may run (STYLE.md habit 1):
// each source root may import only what its environment has.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const nodeBuiltinPaths = [...nodeBuiltins, ...nodeBuiltins.map((name) => `node:${name}`)];

const noNode = {
  paths: nodeBuiltinPaths.map((name) => ({ name, message: 'Node built-ins are not available here.' })),
  patterns: [{ group: ['node:*'], message: 'Node built-ins are not available here.' }],
};
const rootPattern = (root, message) => ({ group: [`**/${root}`, `**/${root}/**`, root, `${root}/**`], message });

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'fetch', 'XMLHttpRequest', 'HTMLElement', 'process', 'Buffer', 'require', '__dirname'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tmp/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', 'test/bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '*.config.ts', 'electron-builder.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'src-hub/**/*.ts', 'src-main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noNode,
        paths: [
          ...noNode.paths,
          { name: 'electron', message: 'src-shared is pure: no Electron.' },
          { name: 'react', message: 'src-shared is pure: no React.' },
          { name: 'react-dom', message: 'src-shared is pure: no React.' },
          { name: 'dexie', message: 'src-shared is pure: no storage.' },
          { name: 'axios', message: 'src-shared is pure: no I/O.' },
        ],
        patterns: [
          ...noNode.patterns,
          rootPattern('src-main', 'src-shared imports only src-shared.'),
          rootPattern('src-renderer', 'src-shared imports only src-shared.'),
          rootPattern('src-hub', 'src-shared imports only src-shared.'),
        ],
      }],
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: `src-shared is pure: no ${name}.` }))],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        ...noNode,
        paths: [...noNode.paths, { name: 'electron', message: 'The renderer reaches main only through window.crm (src-renderer/bridge).' }],
        patterns: [
          ...noNode.patterns,
          rootPattern('src-main', 'The renderer never imports main; use the bridge.'),
          rootPattern('src-hub', 'The renderer never imports the hub; data comes through main.'),
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'No Node in the renderer.' }, { name: 'require', message: 'No Node in the renderer.' }, { name: 'Buffer', message: 'No Node in the renderer.' }],
    },
  },
  {
    files: ['src-hub/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The hub is a server: no Electron.' }, { name: 'react', message: 'The hub is a server: no React.' }],
        patterns: [
          rootPattern('src-main', 'The hub imports only src-shared.'),
          rootPattern('src-renderer', 'The hub imports only src-shared.'),
        ],
      }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/training/training-hub.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'react', message: 'Main has no UI code.' }],
        patterns: [
          rootPattern('src-renderer', 'Main never imports the renderer.'),
          rootPattern('src-hub', 'Main talks to the hub over HTTP only; training mode alone embeds it in-process (src-main/training/training-hub.ts).'),
        ],
      }],
    },
  },
  {
    // The node and e2e test projects run their files one after another in one worker without isolation
    // (vitest.config.ts): a module mock would outlive its file and change what the next file imports.
    files: ['src-shared/**/*.test.ts', 'src-hub/**/*.test.ts', 'src-main/**/*.test.ts', 'test/integration/**/*.ts', 'test/harness/**/*.ts', 'test/setup/**/*.ts', 'test/e2e/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...['mock', 'doMock', 'unmock', 'doUnmock'].map((property) => ({ object: 'vi', property, message: 'The node and e2e test projects do not isolate their files: a module mock would leak into the next file. Inject the dependency instead.' }))],
    },
  },
  {
    // Training mode runs the hub in this process: its launcher may start it and read the demo's names, nothing more.
    files: ['src-main/training/training-hub.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'react', message: 'Main has no UI code.' }],
        patterns: [
          rootPattern('src-renderer', 'Main never imports the renderer.'),
          {
            regex: 'src-hub/(?!(start-hub|features/seed/demo-data)$)',
            message: 'The training launcher may import only src-hub/start-hub and the demo data; everything else goes over HTTP.',
          },
        ],
      }],
    },
  },
);
