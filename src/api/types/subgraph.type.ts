import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EdgeRecord, EntityRecord, EvidenceRecord, SentenceRecord } from '../../graph/records';
import { LIMITS } from '../argument-limits';
import { Entity } from './entity.type';
import { EdgeKind, Polarity } from './enums';
import { PageInfo } from './page.type';
import { Sentence } from './text.type';

@ObjectType({
  simpleResolvers: true,
  description: 'An edge of a subgraph between two entities: a stance or a fact.',
})
export class Edge {
  @Field(() => ID, { description: 'The stance id for stances; an opaque id for facts.' })
  id!: string;

  @Field(() => EdgeKind, { description: 'STANCE or FACT.' })
  kind!: EdgeKind;

  @Field(() => String, {
    description: 'The stance kind (e.g. AGREES_TO) or the fact type (e.g. TARGETED): the label to draw.',
  })
  type!: string;

  @Field(() => Polarity, { nullable: true, description: 'For stances: the polarity, for colouring.' })
  polarity!: EdgeRecord['polarity'];

  @Field(() => Entity, { description: 'Start: the actor of a stance, the start of a fact.' })
  from!: EntityRecord;

  @Field(() => Entity, { description: 'End: the target of a stance, the end of a fact.' })
  to!: EntityRecord;

  /**
   * Where the documents state it, in document-id then text order: the first of them, as many as the
   * largest `first` the request asks (the query reads no more: src/api/selection.ts); EdgeResolver sends
   * the first `first` of these for each alias.
   */
  evidence!: EvidenceRecord[];

  /** How many places state it in all, counted by the query (not the length of `evidence`). */
  evidenceCount!: number;

  /** For a stance: its claim, which SubgraphResolver.stance loads. */
  claimId!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Entities and the stances and facts between them, ready to draw.',
})
export class Subgraph {
  @Field(() => [Entity], { description: 'The entities.' })
  nodes!: EntityRecord[];

  @Field(() => [Edge], { description: 'The edges among them.' })
  edges!: Edge[];

  @Field(() => [Sentence], {
    description:
      'Each sentence the evidence of the edges quotes, once, in document and reading order: ask for it ' +
      'here and for `evidence { sentenceId }` rather than `evidence { sentence }`, which repeats a ' +
      'sentence for every quote it holds. The evidence meant is what the edges show: of each edge the ' +
      'first `first` places, for the largest `first` the request asks of `edges { evidence }`; when it ' +
      `asks for no edge evidence, the first ${LIMITS.factEvidence.default} (what \`evidence\` shows by default).`,
  })
  sentences!: SentenceRecord[];

  @Field(() => Boolean, { description: 'True when a cap (on entities, or on edges) left some out.' })
  truncated!: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many entities the cap left out: within reach (neighborhood), or of the kinds asked (graph); 0 ' +
      'for path.',
  })
  omittedNodes!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many edges among the entities kept the cap on edges left out (neighborhood, graph; 0 for path; ' +
      'edges to entities left out are not counted).',
  })
  omittedEdges!: number | null;
}

/** How a name matched an entity (src/graph/name-ranking.ts), from the strongest way to the weakest. */
export enum MatchKind {
  ID = 'ID',
  NAME = 'NAME',
  ALIAS = 'ALIAS',
  DOCUMENT_ALIAS = 'DOCUMENT_ALIAS',
  PARTIAL = 'PARTIAL',
  FUZZY = 'FUZZY',
}
registerEnumType(MatchKind, {
  name: 'MatchKind',
  description: 'How a name matched an entity.',
  valuesConfig: {
    ID: { description: 'The entity’s id.' },
    NAME: { description: 'Its canonical name (case, diacritics, dashes, quotes, a leading article aside).' },
    ALIAS: { description: 'One of its corpus-wide aliases, compared as names are.' },
    DOCUMENT_ALIAS: { description: 'A name one document gives it for itself.' },
    PARTIAL: { description: 'A name or alias that holds every word asked, and more.' },
    FUZZY: {
      description: 'Only by spelling or some of the words: a suggestion, never chosen for an argument.',
    },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A candidate entity for a name, ranked.' })
export class EntityMatch {
  @Field(() => Entity, { description: 'The entity.' })
  entity!: EntityRecord;

  @Field(() => Float, {
    description:
      '1 for an id, 0.95 for an exact name or alias, 0.9 for a document’s own alias, 0.35–0.85 for a name ' +
      'holding every word asked, at most 0.3 for a spelling neighbour (docs/names.md).',
  })
  score!: number;

  @Field(() => String, { description: 'The id, name or alias it matched on.' })
  matchedOn!: string;

  @Field(() => MatchKind, { description: 'How it matched: what its score says (docs/names.md).' })
  matchKind!: MatchKind;
}

@ObjectType({ simpleResolvers: true, description: 'An entity in a page, with its cursor.' })
export class EntityEdge {
  @Field(() => String, { description: 'Opaque cursor.' })
  cursor!: string;

  @Field(() => Entity, { description: 'The entity.' })
  node!: EntityRecord;
}

@ObjectType({ simpleResolvers: true, description: 'A page of entities (Relay connection).' })
export class EntityConnection {
  @Field(() => [EntityEdge], { description: 'The page.' })
  edges!: EntityEdge[];

  @Field(() => PageInfo, { description: 'Where the page stands.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many entities match, counted without collecting them.' })
  totalCount!: number;
}
