import { PLAYGROUND_ASSETS } from './playground/playground.router';
import { DASHBOARD_ASSETS } from './dashboard/dashboard.router';
import { REVIEW_ASSETS } from './review/review.router';
import { bundleDir } from './bundled-page';

/** Every page the server serves from a browser bundle, with the files its HTML and scripts load. */
export const BUNDLED_PAGES: { name: string; dir: string; required: string[] }[] = [
  { name: 'playground', dir: bundleDir('playground'), required: PLAYGROUND_ASSETS },
  { name: 'dashboard', dir: bundleDir('dashboard'), required: DASHBOARD_ASSETS },
  { name: 'review', dir: bundleDir('review'), required: REVIEW_ASSETS },
];
