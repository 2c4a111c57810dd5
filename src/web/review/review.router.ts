import express from 'express';
import { bundleBuilt, bundleDir, sendBundledPage, bundledPagePolicy } from '../bundled-page';

export interface ReviewOptions {
  /** Path of the public GraphQL endpoint the page sends its operations to, e.g. `/graphql`. */
  endpoint: string;
  /** Where the page is served; its bundle is served under `<route>/assets/`. Defaults to `/review`. */
  route?: string;
  /** Directory written by tools/build-review.mjs; defaults to `<repo>/dist/public/review`. */
  assetsDir?: string;
  /** Whether the service serves the playground at `endpoint`: the page links a loaded document to it. */
  playground?: boolean;
}

export const REVIEW_ASSETS = ['app.js', 'app.css'];

const defaultAssetsDir = () => bundleDir('review');

export function reviewAssetsBuilt(assetsDir: string = defaultAssetsDir()): boolean {
  return bundleBuilt(assetsDir, REVIEW_ASSETS);
}

// As strict as the dashboard's, with no exception for inline styles: the page colours its highlights with
// classes from app.css. Nothing but this origin is reachable, whatever the bundle tried.
function contentSecurityPolicy(nonce: string): string {
  return bundledPagePolicy(nonce);
}

/**
 * Serves the review page at `GET /review` and its bundle under `/review/assets/`. The page holds no secret
 * and reads nothing on its own: it drafts, validates and loads through the public API with the write token
 * the analyst types in, so it is mounted in production too (where the API refuses writes without a token).
 */
export function reviewRouter(opts: ReviewOptions): express.Router {
  const route = opts.route ?? '/review';
  const assetsDir = opts.assetsDir ?? defaultAssetsDir();
  const router = express.Router();

  router.use(`${route}/assets`, express.static(assetsDir, { index: false, fallthrough: false }));

  router.get(route, (req, res) => {
    sendBundledPage(res, {
      assetsDir,
      required: REVIEW_ASSETS,
      missing: 'review assets are missing: run `npm run build` (or `node tools/build-review.mjs`)\n',
      csp: contentSecurityPolicy,
      page: {
        title: 'stancegraph review',
        assetsBase: `${req.baseUrl}${route}/assets`,
        configGlobal: '__STANCEGRAPH_REVIEW__',
        config: {
          endpoint: opts.endpoint,
          playground: opts.playground ? opts.endpoint : null,
          dashboard: '/dashboard',
        },
        root: { id: 'review', html: '<p class="boot">Loading the review page…</p>' },
      },
    });
  });

  return router;
}
