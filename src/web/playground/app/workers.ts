// Monaco asks MonacoEnvironment for a worker the moment GraphiQL mounts its first editor, so this module
// must be evaluated before `graphiql` is imported (index.tsx imports it first; esbuild keeps that order).
// The workers are separate IIFE bundles next to app.js, built by tools/build-playground.mjs; resolving them
// against this script's own URL keeps them same-origin wherever the router is mounted.

type MonacoGlobal = typeof globalThis & {
  MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
};

// document.currentScript is only set while a classic script runs synchronously, i.e. right now.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? window.location.href;

function workerFile(label: string): string {
  if (label === 'json') return 'json.worker.js';
  if (label === 'graphql') return 'graphql.worker.js';
  return 'editor.worker.js';
}

(globalThis as MonacoGlobal).MonacoEnvironment = {
  getWorker(_workerId, label) {
    return new Worker(new URL(workerFile(label), scriptUrl), { name: label });
  },
};

export {};
