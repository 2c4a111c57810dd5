import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import {
  ACTOR_KINDS,
  CLAIM_KINDS,
  ClaimKind,
  EntityKind,
  FACT_TYPES,
  FactType,
} from '../../src/domain/vocabulary';
import { occurrences } from '../../src/ingest/text';
import { EntityPools, SyntheticEntity } from './entities';
import { Random } from './random';

type E = SyntheticEntity;

/** How a claim is said: the sentence, and the part of it that is the quote. */
const CLAIM_SAYINGS: Record<ClaimKind, (a: E, t: E) => [quote: string, rest: string]> = {
  AGREES_TO: (a, t) => [`${a.name} agreed to ${t.name}`, ' after a long call'],
  SUPPORTS: (a, t) => [`${a.name} expressed support for ${t.name}`, ' in a statement'],
  OPEN_TO: (a, t) => [`${a.name} signalled openness to ${t.name}`, ' but sought more details first'],
  ACCEPTS: (a, t) => [`${a.name} accepted ${t.name}`, ' after weeks of talks'],
  CALLS_FOR: (a, t) => [`${a.name} called for ${t.name}`, ' without delay'],
  PROPOSES: (a, t) => [`${a.name} proposed ${t.name}`, ' to the other parties'],
  REJECTS: (a, t) => [`${a.name} rejected ${t.name}`, ' outright'],
  CRITICIZES: (a, t) => [`${a.name} criticized ${t.name}`, ' sharply'],
  DEMANDS: (a, t) => [`${a.name} insisted on ${t.name}`, ' as a condition for any deal'],
  PRAISES: (a, t) => [`${a.name} praised ${t.name}`, ' as very productive'],
};

const FACT_SAYINGS: Record<FactType, string> = {
  LEADS: 'leads',
  MEMBER_OF: 'is a member of',
  ALLY_OF: 'is an ally of',
  PART_OF: 'is part of',
  LOCATED_IN: 'lies in',
  WAS_IN: 'was seen in',
  PARTICIPATED_IN: 'took part in',
  CARRIED_OUT: 'carried out',
  TARGETED: 'targeted',
  DESTROYED: 'destroyed much of',
  RETALIATION_FOR: 'came in retaliation for',
  HELD_IN: 'took place in',
  ABOUT: 'concerns',
  DISCUSSED_IN: 'was discussed at',
  FOLLOWED: 'came after',
  ISSUED: 'issued',
  PERSUADED: 'persuaded',
  CONDITION_FOR: 'is a condition for',
  CONTROLS: 'controls',
};

const HEADINGS = ['Reactions', 'Background', 'What comes next', 'On the ground', 'Diplomacy'];
const CLAIM_KINDS_LIST = Object.keys(CLAIM_KINDS) as ClaimKind[];
const FACT_TYPES_LIST = Object.keys(FACT_TYPES) as FactType[];

export interface DocumentShape {
  /** Sentences of running text (claims, facts and filler). */
  sentences: number;
  claims: number;
  facts: number;
}

export const DEFAULT_SHAPE: DocumentShape = { sentences: 40, claims: 12, facts: 15 };

interface Said {
  text: string;
  quote?: string;
  ref?: { list: 'c' | 'f'; index: number };
}

/**
 * One document: article.txt and graph.yaml in the project's annotation format. Its id is given by tests that
 * load it beside others; a corpus numbers its documents (syn-000042) so that folders sort in order.
 */
export function generateDocument(
  index: number,
  random: Random,
  pools: EntityPools,
  shape: DocumentShape = DEFAULT_SHAPE,
  id = `syn-${String(index).padStart(6, '0')}`,
): { id: string; article: string; annotation: string } {
  const entities = new Map<string, E>();
  const use = (e: E) => (entities.set(e.id, e), e);
  const sentences: Said[] = [];
  const claims: Record<string, unknown>[] = [];
  const facts: Record<string, unknown>[] = [];

  for (let i = 0; i < shape.claims; i++) {
    const kind = CLAIM_KINDS_LIST[(index + i) % CLAIM_KINDS_LIST.length];
    const actor = use(pools.draw(random, ACTOR_KINDS));
    const target = use(pools.draw(random, CLAIM_KINDS[kind].targets, new Set([actor.id])));
    const [quote, rest] = CLAIM_SAYINGS[kind](actor, target);
    const claim: Record<string, unknown> = { id: `claim-${i + 1}`, by: actor.id, kind, on: target.id };
    let text = `${quote}${rest}`;
    if ((kind === 'CRITICIZES' || kind === 'REJECTS') && random.chance(0.5)) {
      const cited = use(pools.draw(random, ['Attack']));
      claim.cites = [cited.id];
      text += `, citing ${cited.name}`;
    }
    if (i > 0 && random.chance(0.2)) claim.respondsTo = `claim-${random.int(1, i)}`;
    sentences.push({ text: `${text}.`, quote, ref: { list: 'c', index: claims.length } });
    if (random.chance(0.2)) {
      const again = `${actor.name} repeated that position on ${target.name}`;
      sentences.push({
        text: `${again} later in the day.`,
        quote: again,
        ref: { list: 'c', index: claims.length },
      });
    }
    if (random.chance(0.15)) {
      claim.date = '2025-03-18';
      claim.dateText = 'on Tuesday';
    }
    claims.push(claim);
  }
  for (let i = 0; i < shape.facts; i++) {
    const type = FACT_TYPES_LIST[(index * 7 + i) % FACT_TYPES_LIST.length];
    const spec = FACT_TYPES[type];
    const from = use(pools.draw(random, spec.from));
    const to = use(pools.draw(random, spec.to as readonly EntityKind[], new Set([from.id])));
    const fact: Record<string, unknown> = { from: from.id, type, to: to.id };
    let quote = `${from.name} ${FACT_SAYINGS[type]} ${to.name}`;
    if (type === 'PERSUADED') {
      const about = use(pools.draw(random, ['Proposal']));
      fact.about = about.id;
      quote += ` to accept ${about.name}`;
    }
    sentences.push({ text: `${quote}.`, quote, ref: { list: 'f', index: facts.length } });
    facts.push(fact);
  }
  while (sentences.length < shape.sentences) {
    const place = use(pools.draw(random, ['Place']));
    sentences.push({ text: `Observers in ${place.name} expect further talks.` });
  }
  // Shuffle so that claims, facts and filler interleave as they would in a report.
  for (let i = sentences.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [sentences[i], sentences[j]] = [sentences[j], sentences[i]];
  }

  const [first] = [...entities.values()];
  const title = `Talks over ${first.name} continue`;
  let text = `${title}\n`;
  const evidence: { ref: { list: 'c' | 'f'; index: number }; quote: string; at: number }[] = [];
  let sinceHeading = 0;
  let headings = 0;
  for (let i = 0; i < sentences.length;) {
    if (sinceHeading >= 12) {
      text += `${HEADINGS[headings++ % HEADINGS.length]}\n`;
      sinceHeading = 0;
    }
    const paragraph = sentences.slice(i, i + random.int(2, 5));
    sinceHeading += paragraph.length;
    paragraph.forEach((s, k) => {
      if (k > 0) text += ' ';
      if (s.ref && s.quote) evidence.push({ ref: s.ref, quote: s.quote, at: text.length });
      text += s.text;
    });
    text += '\n';
    i += paragraph.length;
  }
  for (const { ref, quote, at } of evidence) {
    const all = occurrences(text, quote);
    const entry: Record<string, unknown> =
      all.length > 1 ? { quote, occurrence: all.indexOf(at) + 1 } : { quote };
    const item = (ref.list === 'c' ? claims : facts)[ref.index];
    item.evidence = [...((item.evidence as unknown[]) ?? []), entry];
  }
  // A single quote is written inline, as annotators do; several go in an evidence list.
  for (const item of [...claims, ...facts]) {
    const list = item.evidence as Record<string, unknown>[];
    if (list.length === 1) {
      delete item.evidence;
      Object.assign(item, list[0]);
    }
  }
  const annotation = {
    document: {
      id,
      title,
      source: 'stancegraph synthetic corpus (bench/synthetic.ts)',
      publishedAt: '2025-03-18',
      language: 'en',
      sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    },
    entities: [...entities.values()].map((e) => ({ ...e })),
    claims,
    facts,
  };
  return {
    id,
    article: text,
    annotation: `# Synthetic, generated by bench/synthetic.ts\n${stringify(annotation, { lineWidth: 0 })}`,
  };
}
