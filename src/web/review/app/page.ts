import { h } from '../../dashboard/app/dom';
import { ApiError, ReviewApi } from './api';
import { ReviewActions } from './actions';
import { buildAnnotation, problemKey } from './annotation';
import { ArticleForm, type ArticleInput } from './form';
import { ItemList } from './item-list';
import { ItemLabels } from './item-labels';
import { legend } from './legend';
import { type Session, openSession, placeProblems } from './session';
import { TextView } from './text-view';
import { confidenceStep } from './theme';
import type { Draft, ItemType, KnownEntity, Problem, ReviewConfig } from './types';

/**
 * The review page: step 1's form, then the workspace (the draft on the text, its items, the decisions'
 * counts and actions, the YAML as built), wired to the API. It runs the steps (draft, review, validate,
 * load, download) over one session at a time (session.ts) and redraws after each decision.
 */
export class ReviewPage {
  private readonly api: ReviewApi;
  private readonly form: ArticleForm;
  private readonly text: TextView;
  private readonly list: ItemList;
  private readonly actions: ReviewActions;
  private readonly legendSlot = h('div', { class: 'legend-slot' });
  private readonly yamlView = h('code', { class: 'yaml' });
  private readonly knownNote = h('p', { class: 'muted small known-note' });
  private readonly heading = h('h2', { id: 'review-title', tabindex: -1 }, '2. Review the draft');
  private readonly draftNote = h('p', { class: 'muted small' });
  readonly workspace: HTMLElement;
  private session: Session | undefined;
  private known = new Map<string, KnownEntity>();
  private shown: Record<ItemType, boolean> = { CLAIM: true, FACT: true, ENTITY: true };
  private selected: string | null = null;
  private drafting: AbortController | undefined;
  private readonly labels = new ItemLabels(
    () => this.s,
    () => this.known,
  );

  constructor(readonly config: ReviewConfig) {
    this.form = new ArticleForm(
      (input) => void this.runDraft(input),
      () => this.drafting?.abort(),
    );
    this.api = new ReviewApi(config.endpoint, () => this.form.writeToken());
    this.text = new TextView({
      select: (key) => this.select(key, 'text'),
      hover: (keys) => this.list.hover(keys),
      describe: (key) => this.labels.describe(key),
    });
    const session = () => this.s;
    this.list = new ItemList({
      get review() {
        return session().review;
      },
      item: (key) => this.s.items.get(key)!,
      label: (key) => this.labels.label(key),
      swatch: (key) => this.labels.color(key),
      choices: (key, field) => this.labels.choices(key, field),
      problems: (key) => this.s.problems.get(key) ?? [],
      removedWith: (key) => {
        const id = this.s.review.removedBy(key);
        return id && this.labels.nameOf(id);
      },
      select: (key) => this.select(key, 'list'),
      hover: (key) => this.text.hover(key),
      changed: () => this.refresh(),
    });
    this.actions = new ReviewActions(
      {
        acceptUntouched: () => {
          this.s.review.acceptUntouched();
          this.refresh();
        },
        validate: () => void this.validate(),
        load: () => void this.load(),
        download: (file) => this.download(file),
      },
      config,
    );
    this.workspace = h(
      'section',
      { class: 'workspace', 'aria-labelledby': 'review-title', hidden: true },
      h('div', { class: 'workspace-head' }, this.heading, this.draftNote),
      this.actions.element,
      h(
        'div',
        { class: 'columns' },
        h(
          'section',
          { class: 'panel text-panel', 'aria-labelledby': 'text-title' },
          h('header', { class: 'panel-head' }, h('h3', { id: 'text-title' }, 'The draft on the text')),
          this.legendSlot,
          this.text.element,
        ),
        h(
          'section',
          { class: 'panel items-panel', 'aria-labelledby': 'items-title' },
          h(
            'header',
            { class: 'panel-head' },
            h('h3', { id: 'items-title' }, 'Items'),
            h('span', { class: 'muted small' }, '↑ ↓ move between items'),
          ),
          this.knownNote,
          this.list.element,
        ),
      ),
      h(
        'details',
        { class: 'panel yaml-panel' },
        h('summary', {}, h('h3', {}, 'graph.yaml, as it will be validated and loaded')),
        h('pre', { tabindex: 0, 'aria-label': 'graph.yaml' }, this.yamlView),
      ),
    );
  }

  private get s(): Session {
    if (!this.session) throw new Error('no draft yet');
    return this.session;
  }

  mount(root: HTMLElement): void {
    const nav = h(
      'nav',
      { 'aria-label': 'Pages' },
      h('a', { href: this.config.dashboard }, 'Dashboard'),
      this.config.playground ? h('a', { href: this.config.playground }, 'Playground') : null,
      h('a', { href: '#', 'aria-current': 'page' }, 'Review'),
    );
    const page = h(
      'div',
      { class: 'app', id: 'review' },
      h(
        'header',
        { class: 'topbar' },
        h('h1', {}, 'stancegraph', h('span', {}, 'review')),
        h('p', { class: 'tagline' }, 'From a new article to a reviewed graph: draft, check each item, load'),
        nav,
      ),
      h('main', { class: 'main' }, this.form.element, this.workspace),
    );
    root.replaceWith(page);
  }

  // --- Drafting ---------------------------------------------------------------------------------------

  private async runDraft(input: ArticleInput): Promise<void> {
    this.drafting?.abort();
    const controller = (this.drafting = new AbortController());
    this.form.setBusy(true);
    try {
      const known = this.loadKnown();
      const draft = await this.api.draft(input, controller.signal);
      await known;
      this.start(draft, input.article);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'CANCELLED')) console.warn('draft failed', error);
      this.form.showError(error);
    } finally {
      if (this.drafting === controller) this.drafting = undefined;
      this.form.setBusy(false);
    }
  }

  /** The graph's entities, for the actor and target lists; the page works without them. */
  private async loadKnown(): Promise<void> {
    try {
      const { entities, truncated } = await this.api.knownEntities();
      this.known = new Map(entities.map((e) => [e.id, e]));
      this.knownNote.textContent = truncated
        ? `The lists offer the first ${entities.length} entities of the graph.`
        : '';
    } catch (error) {
      this.knownNote.textContent = `The graph’s entities could not be listed (${
        error instanceof ApiError ? error.code : 'error'
      }): the lists offer the draft’s own entities only.`;
    }
  }

  private start(draft: Draft, article: string): void {
    this.session = openSession(draft, article);
    const { items, order } = this.session;
    this.selected = null;
    const kinds = new Set(
      [...items.values()].filter((i) => i.type === 'ENTITY').map((i) => i.kind.toUpperCase()),
    );
    this.legendSlot.replaceChildren(
      legend(kinds, (type, shown) => {
        this.shown[type] = shown;
        this.renderText();
      }),
    );
    this.list.render(order);
    const counts = { ENTITY: 0, CLAIM: 0, FACT: 0 };
    for (const i of items.values()) counts[i.type] += 1;
    const summary =
      `${draft.documentId} · ${counts.CLAIM} claims, ${counts.FACT} facts, ${counts.ENTITY} entities · ` +
      `${draft.backend}, ${Math.round(draft.parseMs + draft.extractMs)} ms`;
    this.draftNote.textContent = `Document “${draft.documentId}”, drafted by ${draft.backend} in ${Math.round(
      draft.parseMs + draft.extractMs,
    )} ms. Select an item on the text or in the list to accept, reject or edit it.`;
    this.form.collapse(summary);
    this.form.setStatus(`Draft ready: ${items.size} items.`);
    this.workspace.hidden = false;
    this.refresh();
    this.heading.focus();
    document.body.dataset.draft = draft.documentId;
  }

  // --- What the page shows ----------------------------------------------------------------------------

  /** After any decision: the YAML rebuilt, the list and the text redrawn, an earlier answer dropped. */
  private refresh(): void {
    const s = this.s;
    s.built = buildAnnotation(s.review, { article: s.article, known: this.known, withName: s.withName });
    this.yamlView.textContent = s.built.yaml;
    if (s.problems.size || s.general.length) {
      s.problems = new Map();
      s.general = [];
    }
    this.actions.stale();
    this.actions.showCounts(s.review.counts());
    this.list.update();
    this.renderText();
    this.list.select(this.selected, false);
  }

  private renderText(): void {
    const s = this.s;
    const rejected = s.review.rejectedEntities();
    const placed = s.order
      .filter((key) => {
        const item = s.items.get(key)!;
        const status = s.review.status(key, rejected);
        return this.shown[item.type] && status !== 'rejected' && status !== 'removed';
      })
      .map((key) => ({ key, spans: s.items.get(key)!.spans }));
    this.text.render(s.article, placed, (key) => ({
      layer: s.items.get(key)!.type === 'ENTITY' ? 'entity' : 'statement',
      color: this.labels.color(key),
      confidence: confidenceStep(s.items.get(key)!.confidence),
    }));
    this.text.select(this.selected, false);
  }

  private select(key: string, from: 'text' | 'list'): void {
    const same = this.selected === key && from === 'list';
    this.selected = same ? null : key;
    this.list.select(this.selected, from === 'text');
    this.text.select(this.selected, from === 'list');
  }

  // --- Validate, load, download -----------------------------------------------------------------------

  /**
   * Validates the YAML as built. An entity added from the graph goes in as a registry reference; one that
   * is not in the registry is then missing its name, so it is added with its name and validated again.
   */
  private async check(): Promise<{ valid: boolean; problems: Problem[] }> {
    const s = this.s;
    let report = await this.api.validate(s.article, s.built.yaml);
    const needName = report.problems
      .filter((p) => p.code === 'MISSING_FIELD' && /^entities\[\d+\]\.name$/.test(p.field))
      .map((p) => problemKey(s.built, p.field))
      .filter((k): k is string => !!k?.startsWith('added:'))
      .map((k) => k.slice('added:'.length))
      .filter((id) => !s.withName.has(id) && this.known.has(id));
    if (needName.length) {
      for (const id of needName) s.withName.add(id);
      this.refresh();
      report = await this.api.validate(s.article, s.built.yaml);
    }
    return report;
  }

  /** The problems on their items (session.ts), the list redrawn to show them. */
  private placeProblems(problems: Problem[]): void {
    placeProblems(this.s, problems);
    this.list.update();
  }

  private async validate(): Promise<void> {
    this.actions.busy(true, 'Validating…');
    try {
      const report = await this.check();
      this.placeProblems(report.problems);
      this.actions.showValidation(report.valid, report.problems, this.s.general);
    } catch (error) {
      this.actions.showError(error);
    } finally {
      this.actions.busy(false);
    }
  }

  private async load(): Promise<void> {
    const s = this.s;
    this.actions.busy(true, 'Validating, then loading…');
    try {
      const report = await this.check();
      this.placeProblems(report.problems);
      if (!report.valid) {
        this.actions.showNotLoaded(report.problems, s.general);
        return;
      }
      const result = await this.api.load(s.article, s.built.yaml);
      this.actions.showLoaded(result);
      // The graph now knows the document's entities: offer them from now on.
      void this.loadKnown();
    } catch (error) {
      const problems =
        error instanceof ApiError ? (error.extensions.problems as Problem[] | undefined) : undefined;
      if (Array.isArray(problems)) {
        this.placeProblems(problems);
        this.actions.showNotLoaded(problems, s.general);
      } else this.actions.showError(error);
    } finally {
      this.actions.busy(false);
    }
  }

  private download(file: 'graph.yaml' | 'article.txt'): void {
    const s = this.s;
    const blob = new Blob([file === 'graph.yaml' ? s.built.yaml : s.article], {
      type: file === 'graph.yaml' ? 'application/yaml' : 'text/plain;charset=utf-8',
    });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: file, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    // After the click has handed the blob to the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
