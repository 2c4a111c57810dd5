# Plain Dockerfile syntax only (no RUN --mount etc.) so it also builds with the
# legacy builder that docker-compose 1.x drives, not just BuildKit.

# ---------------------------------------------------------------------------
# build: needs devDependencies (typescript, esbuild) to produce dist/.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Manifests first so the expensive install layer is reused until the lockfile
# changes, not on every source edit.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# Whole (.dockerignore-filtered) context rather than a hand-picked list: the
# playground bundler and tsc may read files outside src/ (tsconfig*.json,
# tools/, schema/), and a missing input would only show up as a broken bundle.
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------
# deps: production node_modules from the lockfile alone. A separate stage
# (instead of `npm prune` after the build) keeps this layer cached across
# source changes and guarantees no build-time leftovers leak into runtime.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime

# HOST must be 0.0.0.0: the service defaults to 127.0.0.1, which is unreachable
# through a published port. The Neo4j URI matches the compose service name.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    NEO4J_URI=neo4j://neo4j:7687

WORKDIR /app

# Files stay root-owned: the unprivileged `node` user can read but not
# rewrite the code or data it serves. cypher/, corpus/, schema/ and operations/
# (the playground's example tabs) are read at runtime relative to the app root,
# so they ship as-is from the build context.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY cypher ./cypher
COPY corpus ./corpus
COPY schema ./schema
COPY operations ./operations

# `node` (uid 1000) ships with the official image; no need to create a user.
USER node

EXPOSE 4000

# Slim has no curl/wget, so probe with node's built-in fetch. /health (not
# /ready) on purpose: a Neo4j outage should not mark this container unhealthy,
# since restarting it would not help. The start period covers the corpus load
# that runs before the HTTP server starts listening.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/cli.js", "serve"]
