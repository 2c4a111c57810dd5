import { EntityAnnotation } from './annotation';
import { Registry } from './registry';
import { CheckedAnnotation, Listed, ProblemList } from './validate-schema';

/**
 * Links a document's own entities to the corpus registry (docs/corpus.md): a local entity that a registry
 * entity of the same kind names (an equal name or alias) becomes that entity — its names this document's
 * aliases of it, every reference to its local id rewritten — and a local entity whose name comes close to
 * one is reported as a probable duplicate. Without this, one person annotated in two reports under two ids
 * would be two nodes, each with half of what is said about them.
 */
export function linkToRegistry(checked: CheckedAnnotation, registry: Registry, problems: ProblemList): void {
  if (!registry.size) return;
  const linked = new Map<string, string>();
  const entities: Listed<EntityAnnotation>[] = [];
  /** Where each registry id first stands in this document, to fold a linked entity into it. */
  const byId = new Map<string, EntityAnnotation>();
  for (const listed of checked.entities) {
    const { item, index } = listed;
    const names = [item.name, ...item.aliases];
    const entry = item.registered ? undefined : registry.named(names, item.kind);
    if (!entry) {
      if (!item.registered) {
        const [close] = registry.similar(names, item.kind);
        if (close) {
          problems.add(
            ['entities', index, 'name'],
            'PROBABLE_DUPLICATE',
            `"${item.name}" is close to registry entity "${close.entity.id}" (${close.entity.name}, ` +
              `${close.entity.where}), similarity ${close.similarity.toFixed(2)}: if it is the same ` +
              `${item.kind}, refer to it as {id: ${close.entity.id}}`,
            'warning',
          );
        }
      }
      entities.push(listed);
      if (item.registered && !byId.has(item.id)) byId.set(item.id, item);
      continue;
    }
    problems.add(
      ['entities', index, 'id'],
      'LINKED_TO_REGISTRY',
      `"${item.id}" (${item.name}) is registry entity "${entry.id}" (${entry.name}, ${entry.where}): ` +
        `linked, its names are this document's aliases of it; refer to it as {id: ${entry.id}}`,
      'notice',
    );
    linked.set(item.id, entry.id);
    const earlier = byId.get(entry.id);
    // Folded into this document's entry for the same registry entity (a reference, or another linked one).
    if (earlier) {
      earlier.aliases = [...new Set([...earlier.aliases, ...names])];
      continue;
    }
    const entity: EntityAnnotation = {
      id: entry.id,
      kind: entry.kind,
      name: entry.name,
      aliases: [...new Set(names)],
      registered: true,
      registryAliases: entry.aliases,
      // How the document's entry was made stays with it: a drafted entity linked to the registry is
      // still a drafted entry of this document.
      method: item.method,
      confidence: item.confidence,
    };
    byId.set(entry.id, entity);
    entities.push({ item: entity, index });
  }
  if (!linked.size) return;
  const to = (id: string) => linked.get(id) ?? id;
  checked.entities = entities;
  checked.claims = checked.claims.map(({ item, index }) => ({
    index,
    item: {
      ...item,
      by: to(item.by),
      on: to(item.on),
      cites: item.cites.map(to),
    },
  }));
  checked.facts = checked.facts.map(({ item, index }) => ({
    index,
    item: { ...item, from: to(item.from), to: to(item.to), about: item.about && to(item.about) },
  }));
}
