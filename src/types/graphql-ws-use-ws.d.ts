// moduleResolution "node" does not read package.json "exports", so the types of graphql-ws's one subpath we
// import are named here. (Not tsconfig "paths": tsx and other runtimes would map the import itself to the
// declaration file.) At run time Node resolves `graphql-ws/use/ws` through the package's exports.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws.cjs';
}
