import { Arg, Ctx, Int, Query, Resolver, createUnionType } from 'type-graphql';
import { normalizeName } from '../../domain/names';
import { EntityRecord, SentenceRecord } from '../../graph/records';
import { LIMITS, boundedText, inRange } from '../argument-limits';
import { GraphContext } from '../context';
import { Entity } from '../types/entity.type';
import { Sentence } from '../types/text.type';

/** Which member of SearchResult a hit is: entities have a kind, sentences none. */
export const searchResultType = (value: object): 'Entity' | 'Sentence' =>
  'kind' in value ? 'Entity' : 'Sentence';

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'An entity or a sentence that matches a search.',
  types: () => [Entity, Sentence] as const,
  resolveType: searchResultType,
});

@Resolver()
export class SearchResolver {
  @Query(() => [SearchResult], {
    description:
      'Entities (names, aliases, descriptions) and sentences matching free text, best first ' +
      '(fulltext, case- and diacritic-insensitive).',
  })
  async search(
    @Arg('text', () => String, { description: 'Words to look for, e.g. "drone attacks".' }) text: string,
    @Arg('first', () => Int, {
      defaultValue: LIMITS.first.default,
      description: 'At most this many (1–100).',
    })
    first: number,
    @Ctx() ctx: GraphContext,
  ): Promise<(EntityRecord | SentenceRecord)[]> {
    const words = normalizeName(boundedText('text', text)).split(' ').filter(Boolean);
    const hits = await ctx.stores.entities.search(
      words,
      inRange('first', first, LIMITS.first.min, LIMITS.first.max),
    );
    return hits.map((h) => (h.type === 'Entity' ? h.entity : h.sentence));
  }
}
