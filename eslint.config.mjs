import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The layering of src/, enforced: domain ← db ← graph, ingest ← api ← server ← cli.
 * - src/domain (the shared vocabulary, name normalisation, error codes) imports no other part of src/.
 * - config.ts and logger.ts are infrastructure every layer may read; they import nothing of src/ but the
 *   domain. cypher.ts and operations.ts read the .cypher and .graphql files; they import only those three.
 * - db imports nothing above it. graph and ingest are peers: neither imports the other, nor anything above.
 * - draft (offline extraction of a draft annotation from an article) stands on graph and ingest: it links
 *   names with the graph's resolver and checks its output with the ingest validator; api serves it.
 * - api reaches the database layer only through src/db/index.ts (the Database it hands to the stores, the
 *   request deadline, the driver error mapping); the stores and the loader below it use db/ directly.
 * - runtime/ (starting the project's own Neo4j) is process management: it may use db and config, and only
 *   the entry points (server.ts, cli.ts) use it.
 * - events (the event payloads, topics and the bus that carries them) may use domain, config and logger
 *   only: the loader reports commits through a callback, and api, server and cli publish and subscribe.
 * - web/ (the bundled pages and their routers) is mounted by the server beside the API and never reaches
 *   the database layers: the pages talk to the service over HTTP like any client.
 *
 * A specifier is matched by the part of src/ it names: relative, with as many ../ as the file's depth.
 * Dynamic import() is not checked: only server.ts and cli.ts use it, to load lazily what they may import.
 */
const PARTS = [
  'domain',
  'config',
  'logger',
  'cypher',
  'operations',
  'events',
  'db',
  'graph',
  'ingest',
  'draft',
  'api',
  'web',
];
/** The process: what starts the project's Neo4j, and the entry points. */
const PROCESS = ['runtime', 'server', 'cli', 'bulk-load'];
const importOf = (parts) => `^(?:\\./|(?:\\.\\./)+)(?:${parts.join('|')})(?:/|$)`;
const except = (...allowed) => [...PARTS, ...PROCESS].filter((part) => !allowed.includes(part));

function layer(name, files, forbidden, { extra = [] } = {}) {
  return {
    name: `layering/${name}`,
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(forbidden.length
              ? [
                  {
                    regex: importOf(forbidden),
                    message: `Layering (eslint.config.mjs): ${name} may not import ${forbidden.join(', ')}.`,
                  },
                ]
              : []),
            ...extra,
          ],
        },
      ],
    },
  };
}

const layering = [
  layer('src/domain', ['src/domain/**/*.ts'], [], {
    extra: [
      {
        regex: '^\\.\\./',
        message: 'Layering (eslint.config.mjs): src/domain imports no other part of src/.',
      },
    ],
  }),
  layer('config.ts and logger.ts', ['src/config.ts', 'src/logger.ts'], except('domain')),
  layer(
    'cypher.ts and operations.ts',
    ['src/cypher.ts', 'src/operations.ts'],
    except('domain', 'config', 'logger'),
  ),
  layer('src/db', ['src/db/**/*.ts'], except('domain', 'config', 'logger', 'cypher', 'db')),
  layer('src/events', ['src/events/**/*.ts'], except('domain', 'config', 'logger', 'events')),
  layer('src/graph', ['src/graph/**/*.ts'], ['events', 'ingest', 'draft', 'api', 'web', ...PROCESS]),
  layer('src/ingest', ['src/ingest/**/*.ts'], ['events', 'graph', 'draft', 'api', 'web', ...PROCESS]),
  layer('src/draft', ['src/draft/**/*.ts'], ['api', 'web', ...PROCESS]),
  layer('src/api', ['src/api/**/*.ts'], ['web', ...PROCESS], {
    extra: [
      {
        regex: '^(?:\\./|(?:\\.\\./)+)db/',
        message:
          'Layering (eslint.config.mjs): src/api uses the database layer only through src/db/index.ts (import from the db folder itself).',
      },
    ],
  }),
  layer(
    'src/runtime',
    ['src/runtime/**/*.ts'],
    ['graph', 'ingest', 'draft', 'api', 'web', 'server', 'cli', 'bulk-load'],
  ),
  layer('src/web', ['src/web/**/*.ts', 'src/web/**/*.tsx'], ['db', 'graph', 'ingest', 'draft', ...PROCESS]),
  layer('server.ts', ['src/server.ts'], ['cli', 'bulk-load']),
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'tools/neo4j/lib/**',
      'coverage/**',
      'test-artifacts/**',
      '.venv/**',
      '.scratch-*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...layering,
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
);
