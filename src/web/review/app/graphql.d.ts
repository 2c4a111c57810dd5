// esbuild's text loader (tools/build-review.mjs) turns an operations/**/*.graphql import into its text.
declare module '*.graphql' {
  const text: string;
  export default text;
}
