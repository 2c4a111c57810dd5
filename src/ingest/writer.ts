import { QueryRunner } from '../db/database';
import { LoadSummary, applySchema, loadPlan } from './loader';
import { DocumentPlan } from './plan';
import { Registry } from './registry';
import { storedRegistry } from './registry-store';

/**
 * Loads validated documents for the running service (the loadDocument mutation). The constraints the
 * loader's MERGEs rely on are applied once per process — the service may run with LOAD_CORPUS=false and
 * never have created them — and every successful load tells onLoaded, which drops cached name resolutions.
 */
export class DocumentWriter {
  private schemaApplied?: Promise<void>;

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

  async load(plan: DocumentPlan): Promise<LoadSummary> {
    this.schemaApplied ??= applySchema(this.db).catch((error: unknown) => {
      this.schemaApplied = undefined; // let the next load try again
      throw error;
    });
    await this.schemaApplied;
    const summary = await loadPlan(this.db, plan);
    this.onLoaded();
    return summary;
  }
}
