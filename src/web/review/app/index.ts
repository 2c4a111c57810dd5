// The review page's entry point (tools/build-review.mjs bundles from here): its styles, and the page
// (page.ts) started on the config the server wrote into it (src/web/review/review.router.ts).
// The styles, in cascade order (esbuild joins them into one app.css in this order): the base first, the
// narrow window's overrides last.
import './styles/base.css';
import './styles/article.css';
import './styles/workspace.css';
import './styles/highlights.css';
import './styles/items.css';
import './styles/narrow.css';
import { h } from '../../dashboard/app/dom';
import { ReviewPage } from './page';
import type { ReviewConfig } from './types';

declare global {
  interface Window {
    __STANCEGRAPH_REVIEW__?: ReviewConfig;
  }
}

function main(): void {
  const config = window.__STANCEGRAPH_REVIEW__;
  const root = document.getElementById('review');
  if (!config || !root) throw new Error('stancegraph review: missing page config or #review element');
  new ReviewPage(config).mount(root);
  // Tests (and anyone scripting the page) wait for this rather than guessing at timing.
  document.body.dataset.ready = 'true';
}

try {
  main();
} catch (err) {
  console.error(err);
  const message = err instanceof Error ? err.message : String(err);
  document.body.append(h('p', { class: 'error fatal' }, `The review page failed to start: ${message}`));
}
