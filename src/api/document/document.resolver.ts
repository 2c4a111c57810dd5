import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { DocumentRecord, EvidenceRecord, MentionRecord, SentenceRecord } from '../../graph/records';
import { GraphContext } from '../context';
import { Document, DocumentConnection } from '../types/document.type';
import { LIMITS } from '../argument-limits';
import { AFTER_DESCRIPTION, FIRST_DESCRIPTION, decodeCursor, pageOf, pageSize } from '../paging';
import { Evidence, Mention } from '../types/evidence.type';
import { Heading, Sentence } from '../types/text.type';

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => DocumentConnection, {
    description:
      'The loaded documents, newest first (publishedAt descending, then id descending), a page at a time (Relay connection: edges { cursor node }, pageInfo, totalCount).',
  })
  async documents(
    @Arg('first', () => Int, { defaultValue: LIMITS.page.default, description: FIRST_DESCRIPTION })
    first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION })
    after: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<InstanceType<typeof DocumentConnection>> {
    const size = pageSize(first);
    const key = decodeCursor('documents', after, 'ss');
    const page = await ctx.stores.documents.page(
      size,
      key ? { publishedAt: key[0] as string, id: key[1] as string } : null,
    );
    const { edges, pageInfo } = pageOf(
      'documents',
      page.documents,
      size,
      after,
      (d) => [d.publishedAt, d.id],
      (d) => d,
    );
    // The store has already cut its extra row off and said whether more follow.
    return { edges, pageInfo: { ...pageInfo, hasNextPage: page.hasNextPage }, totalCount: page.totalCount };
  }

  @Query(() => Document, { nullable: true, description: 'The document with this id, or null.' })
  async document(
    @Arg('id', () => ID, { description: 'The document’s id.' }) id: string,
    @Ctx() ctx: GraphContext,
  ) {
    return (await ctx.loaders.document.load(id)) ?? null;
  }

  @FieldResolver(() => String, {
    description: 'The full text, verbatim; offsets index into it in code points.',
  })
  async text(@Root() document: DocumentRecord, @Ctx() ctx: GraphContext) {
    return document.text ?? (await ctx.loaders.documentText.load(document.id)) ?? '';
  }

  @FieldResolver(() => [Sentence], { description: 'Its sentences in reading order.' })
  async sentences(@Root() document: DocumentRecord, @Ctx() ctx: GraphContext) {
    return ctx.loaders.sentencesOfDocument.load(document.id);
  }

  @FieldResolver(() => [Heading], { description: 'Its section headings in reading order.' })
  async headings(@Root() document: DocumentRecord, @Ctx() ctx: GraphContext) {
    return ctx.loaders.headingsOfDocument.load(document.id);
  }
}

@Resolver(() => Sentence)
export class SentenceResolver {
  @FieldResolver(() => Document, { description: 'The document it belongs to.' })
  async document(@Root() sentence: SentenceRecord, @Ctx() ctx: GraphContext) {
    return ctx.loaders.document.load(sentence.docId);
  }

  @FieldResolver(() => [Mention], { description: 'The entities it names, in text order.' })
  async mentions(@Root() sentence: SentenceRecord, @Ctx() ctx: GraphContext) {
    return ctx.loaders.mentionsInSentence.load(sentence.id);
  }
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Document, { description: 'The document the quote comes from.' })
  async document(@Root() evidence: EvidenceRecord, @Ctx() ctx: GraphContext) {
    return ctx.loaders.document.load(evidence.docId);
  }
}

@Resolver(() => Mention)
export class MentionResolver {
  @FieldResolver(() => Document, { description: 'The document it occurs in.' })
  async document(@Root() mention: MentionRecord, @Ctx() ctx: GraphContext) {
    return ctx.loaders.document.load(mention.docId);
  }
}
