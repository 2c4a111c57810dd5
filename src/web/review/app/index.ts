import './styles/review.css';
import { h, words } from '../../dashboard/app/dom';
import {
  ACTOR_KINDS,
  CLAIM_KINDS,
  CLAIM_KIND_NAMES,
  ENTITY_KINDS,
  FACT_TYPES,
  FACT_TYPE_NAMES,
} from '../../../domain/vocabulary';
import type { ClaimKind, FactType } from '../../../domain/vocabulary';
import { ApiError, ReviewApi } from './api';
import { ReviewActions } from './actions';
import { type BuiltAnnotation, annotationKind, buildAnnotation, problemKey } from './annotation';
import { ArticleForm, type ArticleInput } from './form';
import { type Choice, ItemList } from './item-list';
import { legend } from './legend';
import { type EditField, Review, itemKey, readDraft } from './review-state';
import { inUtf16 } from './spans';
import { TextView } from './text-view';
import { FACT_COLOR, confidenceStep, entityColor, polarityColor, polarityOf } from './theme';
import type { Draft, DraftItem, ItemType, KnownEntity, Problem, ReviewConfig } from './types';

declare global {
  interface Window {
    __STANCEGRAPH_REVIEW__?: ReviewConfig;
  }
}

/** One drafted article under review. */
interface Session {
  draft: Draft;
  /** The article exactly as drafted: what Validate, Load and Download send, whatever the box holds now. */
  article: string;
  review: Review;
  items: Map<string, DraftItem>;
  order: string[];
  /** Entities added from the graph that validation said need their name (not registry entities). */
  withName: Set<string>;
  built: BuiltAnnotation;
  problems: Map<string, Problem[]>;
  general: Problem[];
}

const TYPE_WORD: Record<ItemType, string> = { ENTITY: 'Entity', CLAIM: 'Claim', FACT: 'Fact' };

/** The draft's items keyed as the review keys its rows; rows the items lack get an item without spans. */
function itemsFor(draft: Draft, article: string, review: Review): Map<string, DraftItem> {
  const items = new Map<string, DraftItem>();
  const facts = review.model.rows.filter((r) => r.type === 'FACT');
  for (const raw of inUtf16(article, draft.items)) {
    const item = { ...raw, type: raw.type.toUpperCase() as ItemType, spans: raw.spans ?? [] };
    let key = itemKey(item.type, item.id);
    // Should a fact come with another id than fact-<n>, its ends and type find its entry.
    if (item.type === 'FACT' && !review.model.byKey.has(key)) {
      const row = facts.find(
        (r) =>
          !items.has(r.key) &&
          r.values.from === item.from &&
          r.values.to === item.to &&
          r.values.type === item.kind,
      );
      if (row) key = row.key;
    }
    if (!review.model.byKey.has(key) || items.has(key)) continue;
    if (!item.spans.length && item.end > item.begin) item.spans = [{ begin: item.begin, end: item.end }];
    items.set(key, item);
  }
  for (const row of review.model.rows) {
    if (items.has(row.key)) continue;
    items.set(row.key, {
      type: row.type,
      id: row.id,
      kind: row.values.kind ?? row.values.type ?? '',
      confidence: row.confidence ?? 1,
      quote: '',
      begin: 0,
      end: 0,
      spans: [],
      reason: 'In the draft’s YAML, not among its marked items.',
      linkedTo: null,
      from: row.values.from ?? row.values.by ?? null,
      to: row.values.to ?? row.values.on ?? null,
      polarity: null,
    });
  }
  return items;
}

class ReviewPage {
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

  constructor(readonly config: ReviewConfig) {
    this.form = new ArticleForm(
      (input) => void this.runDraft(input),
      () => this.drafting?.abort(),
    );
    this.api = new ReviewApi(config.endpoint, () => this.form.writeToken());
    this.text = new TextView({
      select: (key) => this.select(key, 'text'),
      hover: (keys) => this.list.hover(keys),
      describe: (key) => this.describe(key),
    });
    const session = () => this.s;
    this.list = new ItemList({
      get review() {
        return session().review;
      },
      item: (key) => this.s.items.get(key)!,
      label: (key) => this.label(key),
      swatch: (key) => this.color(key),
      choices: (key, field) => this.choices(key, field),
      problems: (key) => this.s.problems.get(key) ?? [],
      removedWith: (key) => {
        const id = this.s.review.removedBy(key);
        return id && this.nameOf(id);
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
    const review = new Review(readDraft(draft.yaml));
    const items = itemsFor(draft, article, review);
    const order = [...items.keys()].sort((a, b) => {
      const [x, y] = [items.get(a)!, items.get(b)!];
      const [px, py] = [x.spans.length ? x.begin : Infinity, y.spans.length ? y.begin : Infinity];
      return px - py || a.localeCompare(b);
    });
    this.session = {
      draft,
      article,
      review,
      items,
      order,
      withName: new Set(),
      built: { yaml: draft.yaml, rows: { entities: [], claims: [], facts: [] }, added: [] },
      problems: new Map(),
      general: [],
    };
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
      color: this.color(key),
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

  private nameOf(id: string): string {
    const s = this.s;
    const key = itemKey('ENTITY', id);
    if (s.review.model.byKey.has(key)) {
      const item = s.items.get(key);
      return (
        s.review.value(key, 'name') ??
        this.known.get(item?.linkedTo ?? id)?.name ??
        this.known.get(id)?.name ??
        (item?.quote || id)
      );
    }
    return this.known.get(id)?.name ?? id;
  }

  /** An entity's kind in the annotation's spelling (Person), from the draft or the graph. */
  private kindOf(id: string): string | undefined {
    const s = this.s;
    const key = itemKey('ENTITY', id);
    if (s.review.model.byKey.has(key))
      return annotationKind(s.review.value(key, 'kind') ?? s.items.get(key)!.kind);
    const known = this.known.get(id);
    return known && annotationKind(known.kind);
  }

  private label(key: string): string {
    const s = this.s;
    const row = s.review.row(key);
    const v = (f: EditField) => s.review.value(key, f) ?? '';
    if (row.type === 'ENTITY') return `${this.nameOf(row.id)} · ${this.kindOf(row.id) ?? '?'}`;
    if (row.type === 'CLAIM') return `${this.nameOf(v('by'))} ${words(v('kind'))} ${this.nameOf(v('on'))}`;
    return `${this.nameOf(v('from'))} ${words(v('type'))} ${this.nameOf(v('to'))}`;
  }

  private describe(key: string): string {
    const item = this.s.items.get(key)!;
    return `${TYPE_WORD[item.type]}: ${this.label(key)} (confidence ${item.confidence.toFixed(2)})`;
  }

  private color(key: string): string {
    const s = this.s;
    const row = s.review.row(key);
    if (row.type === 'CLAIM') return polarityColor(polarityOf(s.review.value(key, 'kind')));
    if (row.type === 'FACT') return FACT_COLOR;
    return entityColor(this.kindOf(row.id));
  }

  /** The values a field may take: entities of the kinds its rule allows, or the vocabulary's kinds. */
  private choices(key: string, field: EditField): Choice[] {
    const s = this.s;
    const row = s.review.row(key);
    const current = s.review.value(key, field);
    if (field === 'kind' && row.type === 'CLAIM') {
      return CLAIM_KIND_NAMES.map((k) => ({
        value: k,
        label: `${words(k)} — ${CLAIM_KINDS[k].polarity.toLowerCase()}`,
        source: 'vocabulary',
      }));
    }
    if (field === 'type') {
      return FACT_TYPE_NAMES.map((t) => ({
        value: t,
        label: `${words(t)} — ${FACT_TYPES[t].description}`,
        source: 'vocabulary',
      }));
    }
    if (field === 'kind') return ENTITY_KINDS.map((k) => ({ value: k, label: k, source: 'vocabulary' }));
    if (field === 'name') return [];
    const allowed = this.allowedKinds(key, field);
    const rejected = s.review.rejectedEntities();
    const choices: Choice[] = [];
    const inDraft = new Set<string>();
    for (const r of s.review.model.rows) {
      if (r.type !== 'ENTITY' || (rejected.has(r.id) && r.id !== current)) continue;
      const linked = s.items.get(r.key)?.linkedTo ?? undefined;
      inDraft.add(r.id);
      if (linked) inDraft.add(linked);
      choices.push(
        this.entityChoice(r.id, 'draft', allowed, linked ?? (this.known.has(r.id) ? r.id : undefined)),
      );
    }
    for (const e of this.known.values()) {
      if (!inDraft.has(e.id)) choices.push(this.entityChoice(e.id, 'graph', allowed, e.id));
    }
    const shown = choices.filter((c) => !c.disallowed || c.value === current);
    if (current && !shown.some((c) => c.value === current))
      shown.push(this.entityChoice(current, 'graph', allowed));
    return shown.sort((a, b) => a.source.localeCompare(b.source) || a.label.localeCompare(b.label));
  }

  private entityChoice(
    id: string,
    source: 'draft' | 'graph',
    allowed: readonly string[],
    graphId?: string,
  ): Choice {
    const kind = this.kindOf(id);
    return {
      value: id,
      label: `${this.nameOf(id)} (${kind ?? '?'})`,
      source,
      graphId,
      disallowed: kind !== undefined && !allowed.includes(kind),
    };
  }

  private allowedKinds(key: string, field: EditField): readonly string[] {
    const s = this.s;
    if (field === 'by') return ACTOR_KINDS;
    if (field === 'on') return CLAIM_KINDS[s.review.value(key, 'kind') as ClaimKind]?.targets ?? ENTITY_KINDS;
    const spec = FACT_TYPES[s.review.value(key, 'type') as FactType];
    return (field === 'from' ? spec?.from : spec?.to) ?? ENTITY_KINDS;
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

  /** Problems next to their items; those of the document as a whole (or of no item) apart. */
  private placeProblems(problems: Problem[]): void {
    const s = this.s;
    s.problems = new Map();
    s.general = [];
    const add = (key: string, p: Problem) => s.problems.set(key, [...(s.problems.get(key) ?? []), p]);
    for (const p of problems) {
      const key = problemKey(s.built, p.field);
      if (key?.startsWith('added:')) {
        const id = key.slice('added:'.length);
        const users = s.order.filter((k) =>
          (['by', 'on', 'from', 'to'] as const).some(
            (f) => s.review.row(k).type !== 'ENTITY' && s.review.value(k, f) === id,
          ),
        );
        for (const k of users) add(k, p);
        if (!users.length) s.general.push(p);
      } else if (key && s.items.has(key)) add(key, p);
      else s.general.push(p);
    }
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
