import { clear, h } from '../../dashboard/app/dom';
import { ApiError, errorHint } from './api';

export interface ArticleInput {
  article: string;
  date: string;
  id?: string;
  title?: string;
}

/** sessionStorage only: the token lives as long as the tab, never in a URL, a cookie or localStorage. */
const TOKEN_KEY = 'stancegraph.review.writeToken';

function stored(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return ''; // storage disabled: the token is then typed per visit
  }
}

function store(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: nothing to keep
  }
}

/** Today in the reader's time zone, as the date input wants it (YYYY-MM-DD). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: `field field-${id}` }, h('label', { for: id }, label), control, hintEl);
}

/** Step 1: the article, its date, id and title, the write token, and the Draft button. */
export class ArticleForm {
  readonly element: HTMLDetailsElement;
  private readonly text = h('textarea', {
    id: 'article',
    name: 'article',
    rows: 14,
    required: true,
    spellcheck: false,
    placeholder: 'Paste the article here, exactly as published (headline and paragraphs).',
  });
  private readonly file = h('input', { id: 'article-file', type: 'file', accept: '.txt,text/plain' });
  private readonly date = h('input', {
    id: 'date',
    name: 'date',
    type: 'date',
    required: true,
    value: today(),
  });
  private readonly docId = h('input', {
    id: 'doc-id',
    name: 'doc-id',
    type: 'text',
    pattern: '[a-z0-9]+(-[a-z0-9]+)*',
    placeholder: 'derived from the title',
    autocomplete: 'off',
  });
  private readonly title = h('input', {
    id: 'doc-title',
    name: 'doc-title',
    type: 'text',
    autocomplete: 'off',
  });
  private readonly token = h('input', {
    id: 'write-token',
    name: 'write-token',
    type: 'password',
    autocomplete: 'off',
    value: stored(),
  });
  private readonly draftButton = h('button', { type: 'submit', class: 'button primary' }, 'Draft');
  private readonly cancelButton = h('button', { type: 'button', class: 'button', hidden: true }, 'Cancel');
  private readonly progress = h(
    'div',
    { class: 'progress', hidden: true },
    h('progress', { 'aria-label': 'Drafting' }),
  );
  private readonly elapsed = h('span', { class: 'elapsed', 'aria-hidden': 'true' });
  private readonly status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly error = h('div', { class: 'error-box', role: 'alert', hidden: true });
  private readonly summary = h('summary', {}, h('h2', {}, '1. Article'));
  /** The file as read, so that its exact text (line ends included) is what gets drafted and stored. */
  private uploaded: string | undefined;
  private timer: number | undefined;

  constructor(
    private readonly onDraft: (input: ArticleInput) => void,
    onCancel: () => void,
  ) {
    this.token.addEventListener('input', () => store(this.token.value.trim()));
    this.file.addEventListener('change', () => void this.readFile());
    this.cancelButton.addEventListener('click', onCancel);
    this.progress.append(this.elapsed);
    const form = h(
      'form',
      { class: 'article-form', 'aria-label': 'Article to draft' },
      field('article', 'Article text', this.text),
      field('article-file', 'Or upload a .txt file', this.file, 'Its text replaces what is in the box.'),
      h(
        'div',
        { class: 'field-row' },
        field('date', 'Publication date', this.date, 'Relative dates in the text resolve against it.'),
        field('doc-id', 'Document id (optional)', this.docId, 'Lowercase words joined by hyphens.'),
        field('doc-title', 'Title (optional)', this.title),
      ),
      field(
        'write-token',
        'Write token',
        this.token,
        'Drafting and loading need it. Kept in this tab only (sessionStorage), sent as an Authorization header.',
      ),
      h('div', { class: 'form-actions' }, this.draftButton, this.cancelButton, this.progress),
      this.status,
      this.error,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.element = h('details', { class: 'panel article-panel', open: true }, this.summary, form);
  }

  writeToken(): string {
    return this.token.value;
  }

  private async readFile(): Promise<void> {
    const file = this.file.files?.[0];
    if (!file) return;
    const text = await file.text();
    this.uploaded = text;
    this.text.value = text;
    this.status.textContent = `Read ${file.name} (${text.length} characters).`;
  }

  /** The uploaded file's exact text while the box still shows it (a textarea turns CRLF into LF), else the box. */
  private article(): string {
    const box = this.text.value;
    return this.uploaded !== undefined && this.uploaded.replace(/\r\n?/g, '\n') === box ? this.uploaded : box;
  }

  private submit(): void {
    const article = this.article();
    if (!article.trim()) {
      this.showError(new ApiError('EMPTY_ARTICLE', 'Paste or upload the article first.'));
      this.text.focus();
      return;
    }
    this.onDraft({
      article,
      date: this.date.value,
      id: this.docId.value.trim() || undefined,
      title: this.title.value.trim() || undefined,
    });
  }

  setBusy(busy: boolean): void {
    this.draftButton.disabled = busy;
    this.cancelButton.hidden = !busy;
    this.progress.hidden = !busy;
    window.clearInterval(this.timer);
    if (!busy) return;
    this.showError(null);
    const started = Date.now();
    this.status.textContent =
      'Drafting… The first draft can take about 30 seconds while the NLP server starts; later ones a few.';
    const tick = () => (this.elapsed.textContent = `${Math.round((Date.now() - started) / 1000)} s`);
    tick();
    this.timer = window.setInterval(tick, 1000);
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  showError(error: unknown): void {
    clear(this.error);
    this.error.hidden = !error;
    if (!error) return;
    this.status.textContent = '';
    this.error.append(...errorParts(error));
  }

  /** Folded away once a draft is on screen; its summary says what was drafted. */
  collapse(summary: string): void {
    this.summary.replaceChildren(h('h2', {}, '1. Article'), h('span', { class: 'summary-note' }, summary));
    this.element.open = false;
  }
}

/** An error as the analyst sees it: its code, its message, and what to do when there is something to do. */
export function errorParts(error: unknown): HTMLElement[] {
  const code = error instanceof ApiError ? error.code : 'ERROR';
  const message = error instanceof Error ? error.message : String(error);
  const hint = errorHint(code);
  return [
    h(
      'p',
      {},
      h('strong', { class: 'error-code' }, code),
      ' ',
      h('span', { class: 'error-message' }, message),
    ),
    ...(hint ? [h('p', { class: 'hint' }, hint)] : []),
  ];
}
