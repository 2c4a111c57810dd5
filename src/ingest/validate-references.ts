import { ClaimAnnotation, EntityAnnotation, FactAnnotation } from './annotation';
import { ACTOR_KINDS, CLAIM_KINDS, ClaimKind, EntityKind, FACT_TYPES, FactType } from '../domain/vocabulary';
import { normalizeName } from '../domain/names';
import { CheckedAnnotation, Listed, Path, ProblemList } from './validate-schema';

function suggestion(id: string, known: Iterable<string>): string {
  const candidates = [...known].filter(
    (k) => k.includes(id) || id.includes(k) || k.split('-')[0] === id.split('-')[0],
  );
  return candidates.length
    ? ` (did you mean ${candidates
        .slice(0, 3)
        .map((c) => `"${c}"`)
        .join(', ')}?)`
    : '';
}

/** Entity ids with their kinds; a second entity with an id is reported, and the first one kept. */
function indexEntities(entities: Listed<EntityAnnotation>[], problems: ProblemList): Map<string, EntityKind> {
  const kinds = new Map<string, EntityKind>();
  for (const { item, index } of entities) {
    if (kinds.has(item.id))
      problems.add(
        ['entities', index, 'id'],
        'DUPLICATE_ID',
        `entity id "${item.id}" is used more than once`,
      );
    else kinds.set(item.id, item.kind);
  }
  return kinds;
}

/** Names and aliases resolve mentions to entities, so each may point at one entity only. */
function checkAliases(entities: Listed<EntityAnnotation>[], problems: ProblemList): void {
  const aliasOwner = new Map<string, string>();
  for (const { item, index } of entities) {
    for (const [a, alias] of [item.name, ...item.aliases].entries()) {
      const key = normalizeName(alias);
      const owner = aliasOwner.get(key);
      if (owner && owner !== item.id) {
        problems.add(
          a === 0 ? ['entities', index, 'name'] : ['entities', index, 'aliases', a - 1],
          'AMBIGUOUS_ALIAS',
          `"${alias}" also names entity "${owner}"; a name may point at one entity only`,
        );
      } else aliasOwner.set(key, item.id);
    }
  }
}

/** A resolved date without the text's own words for it (or the reverse) cannot be shown as evidence. */
function checkDatePairs(checked: CheckedAnnotation, problems: ProblemList): void {
  const dated = [
    ...checked.entities.map(({ item, index }) => ({ item, base: ['entities', index] as Path })),
    ...checked.claims.map(({ item, index }) => ({ item, base: ['claims', index] as Path })),
    ...checked.facts.map(({ item, index }) => ({ item, base: ['facts', index] as Path })),
  ];
  for (const { item, base } of dated) {
    if (item.dateInferred !== undefined && item.date === undefined) {
      problems.add(
        [...base, 'dateInferred'],
        'INVALID_FIELD',
        'dateInferred says how a date was found: give it with date and dateText',
      );
    }
    if ((item.date === undefined) !== (item.dateText === undefined)) {
      problems.add(
        [...base, item.date ? 'dateText' : 'date'],
        'DATE_TEXT_MISSING',
        "date and dateText go together: the resolved date and the text's own words",
      );
    }
  }
}

/** Claim ids with their list index; respondsTo points at them. */
function indexClaims(claims: Listed<ClaimAnnotation>[], problems: ProblemList): Map<string, number> {
  const claimIds = new Map<string, number>();
  for (const { item, index } of claims) {
    if (claimIds.has(item.id))
      problems.add(['claims', index, 'id'], 'DUPLICATE_ID', `claim id "${item.id}" is used more than once`);
    else claimIds.set(item.id, index);
  }
  return claimIds;
}

/**
 * Every id a claim or fact names must be an entity (or claim) of this document, of a kind the claim kind or
 * fact type allows: the graph would otherwise hold edges that say something the model cannot mean.
 */
export function linkReferences(checked: CheckedAnnotation, problems: ProblemList): void {
  const kinds = indexEntities(checked.entities, problems);
  checkAliases(checked.entities, problems);
  checkDatePairs(checked, problems);
  const claimIds = indexClaims(checked.claims, problems);
  const ref = (path: Path, id: string, expect: readonly EntityKind[] | undefined, role: string) => {
    const kind = kinds.get(id);
    if (!kind) {
      if (checked.rejectedIds.entities.has(id)) return;
      problems.add(path, 'UNKNOWN_REFERENCE', `no entity has id "${id}"${suggestion(id, kinds.keys())}`);
    } else if (expect && !expect.includes(kind)) {
      problems.add(
        path,
        'KIND_MISMATCH',
        `${role} must be ${expect.join(' or ')}, but "${id}" is ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`,
      );
    }
  };
  const checkClaim = (item: ClaimAnnotation, index: number) => {
    const spec = CLAIM_KINDS[item.kind as ClaimKind];
    ref(['claims', index, 'by'], item.by, ACTOR_KINDS, 'the actor (by)');
    ref(['claims', index, 'on'], item.on, spec.targets, `the target (on) of ${item.kind}`);
    item.cites.forEach((c, i) => ref(['claims', index, 'cites', i], c, undefined, 'a cited entity'));
    if (item.respondsTo !== undefined && !checked.rejectedIds.claims.has(item.respondsTo)) {
      if (!claimIds.has(item.respondsTo)) {
        problems.add(
          ['claims', index, 'respondsTo'],
          'UNKNOWN_REFERENCE',
          `no claim has id "${item.respondsTo}"${suggestion(item.respondsTo, claimIds.keys())}`,
        );
      } else if (item.respondsTo === item.id) {
        problems.add(['claims', index, 'respondsTo'], 'INVALID_FIELD', 'a claim cannot respond to itself');
      }
    }
  };
  const checkFact = (item: FactAnnotation, index: number) => {
    const spec = FACT_TYPES[item.type as FactType];
    ref(['facts', index, 'from'], item.from, spec.from, `the start (from) of ${item.type}`);
    ref(['facts', index, 'to'], item.to, spec.to, `the end (to) of ${item.type}`);
    if (item.about !== undefined) ref(['facts', index, 'about'], item.about, undefined, 'about');
  };
  for (const { item, index } of checked.claims) checkClaim(item, index);
  for (const { item, index } of checked.facts) checkFact(item, index);
}
