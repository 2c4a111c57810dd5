// esbuild turns the stylesheet import into dist/public/review/app.css; tsc only needs to know it exists.
declare module '*.css';
