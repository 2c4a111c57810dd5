import { QueryRunner } from '../db/database';
import { DocumentLoad, LoadCounters, LoadSummary, applySchema, loadPlan } from './loader';
import { DocumentPlan } from './plan';
import { Registry } from './registry';
import { storedRegistry } from './registry-store';

/** As the loader's onCommitted: the documents of a commit, its counters (nodes, relationships) and time. */
export type CommittedListener = (documents: DocumentLoad[], counters: LoadCounters, ms: number) => void;

/**
 * Loads validated documents for the running service (the loadDocument mutation). The constraints the
 * loader's MERGEs rely on are applied once per process — the service may run with LOAD_CORPUS=false and
 * never have created them — and every successful load tells onLoaded, which drops cached name resolutions.
 */
export class DocumentWriter {
  private schemaApplied?: Promise<void>;
  private readonly committedListeners = new Set<CommittedListener>();

  constructor(
    private readonly db: QueryRunner,
    private readonly onLoaded: () => void = () => {},
  ) {}

  /**
   * The registry a document sent over the API is checked and linked against: the one stored in the graph,
   * as loaded from the corpus's entities.yaml.
   */
  registry(): Promise<Registry> {
    return storedRegistry(this.db);
  }

  /**
   * Told of every load this writer commits, after the commit and after onLoaded (the service publishes its
   * events from here). A listener that throws is the listener's problem: the load has committed.
   */
  onCommitted(listener: CommittedListener): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  async load(plan: DocumentPlan): Promise<LoadSummary> {
    this.schemaApplied ??= applySchema(this.db).catch((error: unknown) => {
      this.schemaApplied = undefined; // let the next load try again
      throw error;
    });
    await this.schemaApplied;
    const summary = await loadPlan(this.db, plan);
    this.onLoaded();
    const { counters, ms, ...document } = summary;
    for (const listener of this.committedListeners) {
      try {
        listener([document], counters, ms);
      } catch {
        // Nothing to undo: the document is stored; the listener reports its own failures.
      }
    }
    return summary;
  }
}
