import { QueryRunner } from '../db/database';
import { LoadSummary, applySchema, loadPlan } from './loader';
import { DocumentPlan } from './plan';

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
