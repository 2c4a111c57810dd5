import { ENTITY_KINDS, EntityKind } from '../../src/domain/vocabulary';
import { Random, Zipf } from './random';

/** One entity of the synthetic world; the same id always has the same kind, name and aliases. */
export interface SyntheticEntity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  description: string;
  date?: string;
  dateText?: string;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'ta', 'vo', 'si', 'dar', 'el', 'nu', 'pa', 'ri'];
const MORE = ['so', 'tem', 'va', 'zo', 'bel', 'cor', 'dan', 'fi', 'gar', 'hal', 'ion', 'jul'];
const ALL = [...SYLLABLES, ...MORE];
const FIRST_NAMES = ['Arlen', 'Mira', 'Teodor', 'Ilse', 'Ravi', 'Oksana', 'Piet', 'Selin', 'Jonas', 'Ayla'];
const ROLES = ['Minister', 'Envoy', 'General', 'President', 'Senator', 'Governor'];

/** A pronounceable word that is a bijection of n: every (kind, index) gets a word of its own. */
function word(n: number): string {
  const digits: string[] = [];
  for (let v = n + ALL.length; v > 0; v = Math.floor(v / ALL.length)) digits.unshift(ALL[v % ALL.length]);
  const w = digits.join('');
  return w[0].toUpperCase() + w.slice(1);
}

/** Per document, how many entities of each kind a pool holds (before scaling by the document count). */
const POOL_PER_DOCUMENT: Record<EntityKind, number> = {
  Person: 1.2,
  Country: 0.05,
  Organization: 0.5,
  Group: 0.25,
  Place: 0.6,
  Facility: 0.5,
  Proposal: 0.4,
  Condition: 0.3,
  Event: 0.6,
  Attack: 0.5,
};

function isoDate(dayOffset: number): string {
  return new Date(Date.UTC(2025, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

function build(kind: EntityKind, index: number): SyntheticEntity {
  const w = word(index * ENTITY_KINDS.length + ENTITY_KINDS.indexOf(kind));
  const id = `syn-${kind.toLowerCase()}-${index}`;
  const base = {
    id,
    kind,
    description: `${/^[aeiou]/i.test(kind) ? 'An' : 'A'} ${kind.toLowerCase()} of the synthetic benchmark corpus.`,
  };
  switch (kind) {
    case 'Person': {
      const first = FIRST_NAMES[index % FIRST_NAMES.length];
      const role = ROLES[index % ROLES.length];
      return { ...base, name: `${first} ${w}`, aliases: [w, `${role} ${first} ${w}`] };
    }
    case 'Country':
      return { ...base, name: w, aliases: [`${w}ian`] };
    case 'Organization':
      return { ...base, name: `${w} Council`, aliases: [`the ${w} Council`] };
    case 'Group':
      return { ...base, name: `${w} Coalition`, aliases: [`the ${w} Coalition`] };
    case 'Place':
      return { ...base, name: w, aliases: [`the city of ${w}`] };
    case 'Facility':
      return { ...base, name: `${w} power plant`, aliases: [`the ${w} plant`] };
    case 'Proposal':
      return { ...base, name: `${w} truce plan`, aliases: [`the ${w} truce`] };
    case 'Condition':
      return { ...base, name: `${w} withdrawal`, aliases: [`a withdrawal from ${w}`] };
    case 'Event':
      return {
        ...base,
        name: `${w} summit`,
        aliases: [`the ${w} talks`],
        date: isoDate(index % 365),
        dateText: 'this week',
      };
    case 'Attack':
      return {
        ...base,
        name: `${w} missile strikes`,
        aliases: [`the ${w} strikes`],
        date: isoDate(index % 365),
        dateText: 'on Monday',
      };
  }
}

/** The entities of a corpus of `documents` documents: pools per kind, drawn with Zipf popularity. */
export class EntityPools {
  private readonly zipf = new Map<EntityKind, Zipf>();
  private readonly built = new Map<string, SyntheticEntity>();

  constructor(documents: number) {
    for (const kind of ENTITY_KINDS) {
      this.zipf.set(kind, new Zipf(Math.max(12, Math.round(POOL_PER_DOCUMENT[kind] * documents))));
    }
  }

  draw(
    random: Random,
    kinds: readonly EntityKind[],
    avoid: ReadonlySet<string> = new Set(),
  ): SyntheticEntity {
    for (;;) {
      const kind = random.pick(kinds);
      const index = this.zipf.get(kind)!.draw(random);
      const key = `${kind}:${index}`;
      let entity = this.built.get(key);
      if (!entity) {
        entity = build(kind, index);
        this.built.set(key, entity);
      }
      if (!avoid.has(entity.id)) return entity;
    }
  }

  poolSize(kind: EntityKind): number {
    return this.zipf.get(kind)!.n;
  }
}
