import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { DocumentRecord, EvidenceRecord, MentionRecord, SentenceRecord } from '../../graph/records';
import { GraphContext } from '../context';
import { Document } from '../types/document.type';
import { Evidence, Mention } from '../types/evidence.type';
import { Heading, Sentence } from '../types/text.type';

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => [Document], { description: 'Every loaded document, newest first.' })
  async documents(@Ctx() ctx: GraphContext) {
    return ctx.stores.documents.list();
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
    return document.text ?? (await ctx.loaders.document.load(document.id))?.text ?? '';
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
