import { type Client, createClient } from 'graphql-ws';
import documentLoadedFile from '../../../../operations/subscriptions/document-loaded.graphql';
import { h } from './dom';
import './styles/live.css';

/**
 * The dashboard's live feed: the `documentLoaded` subscription over GraphQL over WebSocket (graphql-ws,
 * bundled) on the page's own origin, the same path as its queries. Its text is the allow-listed file's, as
 * the queries' are, so PERSISTED_QUERIES_ONLY runs it.
 */
const DOCUMENT_LOADED = documentLoadedFile.trim();

/** What operations/subscriptions/document-loaded.graphql selects. */
export interface DocumentLoadedEvent {
  id: string;
  title: string;
  status: 'CREATED' | 'REPLACED';
  counts: { entities: number; claims: number; facts: number; mentions: number };
  committedAt: string;
  eventId: string;
}

export type LiveState = 'connecting' | 'live' | 'offline' | 'refused';

export interface LiveEvents {
  /** A load committed on the service (or, with REDIS_URL, on any instance). */
  loaded(event: DocumentLoadedEvent): void;
  /** The socket is back after having been down: loads made meanwhile were not announced to this page. */
  reconnected(): void;
}

/** ws(s)://<this host>/graphql for the endpoint path the page queries: same origin, no configuration. */
export function webSocketUrl(endpoint: string, location: Location = window.location): string {
  const url = new URL(endpoint, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.toString();
}

/** Longest wait between two attempts to reconnect: a service that is down is tried at least this often. */
const MAX_RETRY_WAIT_MS = 30_000;

/**
 * Exponential back-off from 1 s, capped, with jitter so that many open dashboards do not all reconnect in
 * the same instant after a restart.
 */
function retryWait(retries: number): Promise<void> {
  const ms = Math.min(MAX_RETRY_WAIT_MS, 1000 * 2 ** retries) * (0.75 + Math.random() * 0.5);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const STATE_TEXT: Record<LiveState, { label: string; title: string }> = {
  connecting: { label: 'connecting…', title: 'Connecting to the live feed of new documents.' },
  live: { label: 'live', title: 'New documents are shown as they are loaded.' },
  offline: {
    label: 'offline',
    title: 'The live feed is down; the page keeps trying and catches up when it is back.',
  },
  refused: {
    label: 'offline',
    title: 'The service refused the live feed (a token is needed); reload the page to try again.',
  },
};

/** The small live/offline indicator in the top bar; `data-state` carries the state for scripts and tests. */
export class LiveIndicator {
  readonly element: HTMLElement;
  private readonly label: HTMLElement;

  constructor() {
    this.label = h('span', { class: 'live-label' });
    this.element = h(
      'span',
      { class: 'live', role: 'status', 'data-role': 'live' },
      h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
      this.label,
    );
    this.set('connecting');
  }

  set(state: LiveState): void {
    this.element.dataset.state = state;
    this.label.textContent = STATE_TEXT[state].label;
    this.element.title = STATE_TEXT[state].title;
  }
}

/**
 * How long a notice stays before it fades out, unless the pointer rests on it. A script driving the page
 * (the tests) may set `window.__STANCEGRAPH_NOTICE_MS__` before the page loads: Infinity keeps notices
 * until dismissed.
 */
const NOTICE_MS = 8_000;

declare global {
  interface Window {
    __STANCEGRAPH_NOTICE_MS__?: number;
  }
}
/** At most this many notices at once: a burst of loads (a corpus) shows the newest, not a wall of them. */
const MAX_NOTICES = 3;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Short, non-blocking notices of what arrived, stacked in a corner over the page: they take no input
 * focus, fade after NOTICE_MS (held while hovered), and each has a close button.
 */
export class Notices {
  readonly element: HTMLElement;

  constructor() {
    this.element = h('div', { class: 'notices', 'aria-live': 'polite', 'data-role': 'notices' });
  }

  show(event: DocumentLoadedEvent, detail?: string): void {
    const { counts } = event;
    const close = h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss' }, '×');
    const detailLine = h('p', { class: 'muted small notice-detail' }, detail ?? '');
    const notice = h(
      'div',
      {
        class: 'notice',
        'data-document-id': event.id,
        'data-status': event.status,
        'data-event-id': event.eventId,
      },
      h(
        'p',
        { class: 'notice-head' },
        h(
          'span',
          { class: 'notice-status' },
          event.status === 'CREATED' ? 'New document' : 'Document replaced',
        ),
        close,
      ),
      h('p', { class: 'notice-title' }, event.title),
      h(
        'p',
        { class: 'muted small' },
        [
          plural(counts.entities, 'entity', 'entities'),
          plural(counts.claims, 'claim'),
          plural(counts.facts, 'fact'),
          plural(counts.mentions, 'mention'),
        ].join(' · '),
      ),
      detailLine,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dismiss = () => {
      clearTimeout(timer);
      notice.remove();
    };
    const lasts = window.__STANCEGRAPH_NOTICE_MS__ ?? NOTICE_MS;
    const arm = () => {
      clearTimeout(timer);
      if (!Number.isFinite(lasts)) return;
      timer = setTimeout(() => {
        notice.classList.add('fading');
        // Removed when the fade ends; without transitions (reduced motion), at once.
        notice.addEventListener('transitionend', dismiss, { once: true });
        if (
          getComputedStyle(notice)
            .transitionDuration.split(',')
            .every((d) => parseFloat(d) === 0)
        ) {
          dismiss();
        }
      }, lasts);
    };
    close.addEventListener('click', dismiss);
    notice.addEventListener('mouseenter', () => {
      clearTimeout(timer);
      notice.classList.remove('fading');
    });
    notice.addEventListener('mouseleave', arm);
    this.element.prepend(notice);
    while (this.element.children.length > MAX_NOTICES) this.element.lastElementChild?.remove();
    arm();
  }

  private notice(eventId: string): HTMLElement | undefined {
    return [...this.element.querySelectorAll<HTMLElement>('.notice')].find(
      (n) => n.dataset.eventId === eventId,
    );
  }

  /** Adds what the redraw found (e.g. "2 new entities in the graph") to the notice of that event. */
  annotate(eventId: string, detail: string): void {
    const line = this.notice(eventId)?.querySelector('.notice-detail');
    if (line) line.textContent = detail;
  }

  /** Adds a button to the notice of that event (e.g. "Show", which zooms to what it brought). */
  action(eventId: string, label: string, run: () => void): void {
    const line = this.notice(eventId)?.querySelector('.notice-detail');
    if (!line || line.parentElement?.querySelector('.notice-action')) return;
    const button = h('button', { type: 'button', class: 'link notice-action' }, label);
    button.addEventListener('click', run);
    line.after(button);
  }
}

/**
 * Follows documentLoaded for as long as the page is open. graphql-ws's client reconnects a dropped socket
 * (a restart, a network blip, 1013 from an instance at its connection cap) with back-off and subscribes
 * again; a refusal (4401: the service needs a read token) is final. The page carries no token for its
 * queries either: a proxy in front that adds `Authorization` covers the WebSocket upgrade as well, which
 * the service accepts like connectionParams.
 */
export class LiveFeed {
  private readonly client: Client;
  private wasDown = false;
  private stopped = false;
  private unsubscribe: () => void = () => {};

  constructor(
    endpoint: string,
    private readonly indicator: LiveIndicator,
    private readonly events: LiveEvents,
  ) {
    this.client = createClient({
      url: webSocketUrl(endpoint),
      lazy: true,
      retryAttempts: Infinity,
      retryWait,
      // Retry after a close or a failed connect alike (the default retries close events only); the
      // library itself never retries its fatal codes (4401, 4400, …), which end in `error` below.
      shouldRetry: () => true,
      on: {
        connecting: () => this.indicator.set(this.wasDown ? 'offline' : 'connecting'),
        connected: () => {
          this.indicator.set('live');
          if (this.wasDown) {
            this.wasDown = false;
            this.events.reconnected();
          }
        },
        closed: () => {
          if (this.stopped) return;
          this.wasDown = true;
          this.indicator.set('offline');
        },
      },
    });
    this.start();
  }

  private start(): void {
    this.unsubscribe = this.client.subscribe<{ documentLoaded: DocumentLoadedEvent }>(
      { query: DOCUMENT_LOADED, operationName: 'DocumentLoaded' },
      {
        next: (result) => {
          const event = result.data?.documentLoaded;
          if (event) this.events.loaded(event);
        },
        error: (err: unknown) => {
          if (this.stopped) return;
          const code = (err as { code?: unknown } | null)?.code;
          if (code === 4401 || code === 4403) {
            // The service wants a token the page does not have: trying again cannot help.
            this.indicator.set('refused');
            console.warn('stancegraph dashboard: the live feed was refused', err);
            return;
          }
          // A GraphQL error (e.g. this subscriber fell too far behind and was ended): start over, and
          // catch up on what may have been missed.
          console.warn('stancegraph dashboard: the live feed ended; resubscribing', err);
          this.wasDown = true;
          this.indicator.set('offline');
          void retryWait(0).then(() => {
            if (!this.stopped) this.start();
          });
        },
        complete: () => {
          // The service ended the subscription (it is stopping): the client reconnects on close; if it
          // completed without closing, subscribe again.
          if (this.stopped) return;
          this.wasDown = true;
          void retryWait(0).then(() => {
            if (!this.stopped) this.start();
          });
        },
      },
    );
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    void this.client.dispose();
  }
}
