import { Arg, Ctx, Int, Query, Resolver, createUnionType } from 'type-graphql';
import { normalizeName } from '../../domain/names';
import { EntityRecord, SentenceRecord } from '../../graph/records';
import { SearchKey, hitId } from '../../graph/entity.store';
import { LIMITS, boundedText } from '../argument-limits';
import { GraphContext } from '../context';
import {
  AFTER_DESCRIPTION,
  FIRST_DESCRIPTION,
  Page,
  decodeCursor,
  pageOf,
  pageSize,
  refuseCursor,
} from '../paging';
import { connectionTypes } from '../types/page.type';
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

export const { Edge: SearchEdge, Connection: SearchConnection } = connectionTypes(
  'Search',
  () => SearchResult,
  'search results',
);

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      'Entities (names, aliases, descriptions) and sentences matching free text, best first ' +
      '(fulltext, case- and diacritic-insensitive), a page at a time (Relay connection: edges { cursor ' +
      'node }, pageInfo). Relevance depends on the whole index: a document loaded between two pages can ' +
      'move hits across the page boundary.',
  })
  async search(
    @Arg('text', () => String, { description: 'Words to look for, e.g. "drone attacks".' }) text: string,
    @Arg('first', () => Int, { defaultValue: LIMITS.page.default, description: FIRST_DESCRIPTION })
    first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<Page<EntityRecord | SentenceRecord>> {
    const size = pageSize(first);
    const words = normalizeName(boundedText('text', text)).split(' ').filter(Boolean);
    // [score, type, id, how many hits came before]: the last is only where the store starts asking Lucene.
    const key = decodeCursor('search', after, 'nssn');
    if (key && key[1] !== 'Entity' && key[1] !== 'Sentence') refuseCursor('search');
    const afterKey = key && {
      score: key[0] as number,
      type: key[1] as SearchKey['type'],
      id: key[2] as string,
    };
    const depth = key ? Math.max(0, Math.trunc(key[3] as number)) : 0;
    const hits = await ctx.stores.entities.search(words, size, afterKey, depth);
    return pageOf(
      'search',
      hits,
      size,
      after,
      (h) => [h.score, h.type, hitId(h), depth + size],
      (h) => (h.type === 'Entity' ? h.entity : h.sentence),
    );
  }
}
