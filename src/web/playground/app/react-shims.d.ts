// The project installs react/react-dom for the bundle but not @types/react(-dom), and GraphiQL's own
// declarations lean on them. These minimal ambient modules let `tsc -p src/web/playground/app` check the
// app code; delete this file if @types/react and @types/react-dom are ever added (ambient modules would
// shadow the real types).
declare module 'react/jsx-runtime';
declare module 'react-dom/client' {
  export function createRoot(container: Element): { render(children: unknown): void };
}
declare module '*.css';
