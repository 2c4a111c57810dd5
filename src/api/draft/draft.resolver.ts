import { GraphQLDate } from 'graphql-scalars';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { BadUserInputError, ServiceError } from '../../domain/errors';
import type { DraftItem as DraftedItem } from '../../draft/types';
import { slug } from '../../ingest/annotation';
import { LIMITS, boundedText } from '../argument-limits';
import { GraphContext } from '../context';
import { DRAFT_COST } from '../security/cost';
import { requireWriter } from '../security/tokens';
import { Polarity } from '../types/enums';
import { Draft, DraftItem, DraftItemType } from './draft.type';

const MAX = LIMITS.articleLength.toLocaleString('en');

/** The article as it will be stored: sent verbatim, refused when empty or over the size a draft takes. */
function checkedArticle(article: string): string {
  if (!article.trim()) {
    throw new BadUserInputError('Argument "article" must not be empty: send the article’s text.', {
      argument: 'article',
    });
  }
  if (article.length > LIMITS.articleLength) {
    throw new ServiceError(
      'ARTICLE_TOO_LARGE',
      `Argument "article" is ${article.length.toLocaleString('en')} characters; a draft takes at most ` +
        `${MAX}. Split the article, or draft it in parts.`,
      { argument: 'article', length: article.length, max: LIMITS.articleLength },
    );
  }
  return article;
}

function checkedId(id: string | null): string | undefined {
  if (id == null) return undefined;
  const parsed = slug.safeParse(id);
  if (!parsed.success) {
    throw new BadUserInputError(`Argument "id" ${parsed.error.issues[0].message}; got "${id}".`, {
      argument: 'id',
    });
  }
  return parsed.data;
}

const today = () => new Date().toISOString().slice(0, 10);

const asItem = (item: DraftedItem): DraftItem => ({
  type: item.type as DraftItemType,
  id: item.id,
  kind: item.kind,
  confidence: item.confidence,
  quote: item.quote,
  begin: item.begin,
  end: item.end,
  spans: item.spans.map(({ begin, end }) => ({ begin, end })),
  reason: item.reason,
  linkedTo: item.linkedTo ?? null,
  from: item.from ?? null,
  to: item.to ?? null,
  polarity: (item.polarity as Polarity | undefined) ?? null,
});

@Resolver()
export class DraftResolver {
  @Mutation(() => Draft, {
    description:
      'Drafts the annotation of a new article with the offline NLP backend and the graph’s own entities ' +
      '(the same draft as `npm run draft`): graph.yaml with every item `method: draft` and a confidence, ' +
      'and the items with their places in the text. Writes nothing — review the draft, then send it to ' +
      'loadDocument — but it is a mutation because it is expensive: it needs `Authorization: Bearer <write ' +
      `token>\`, is never sent as a GET, and costs ${DRAFT_COST.base.toLocaleString('en')} + ` +
      `${DRAFT_COST.perThousandCharacters} per 1,000 characters of the article against the query cost ` +
      `limit. At most ${MAX} characters (ARTICLE_TOO_LARGE). NLP_UNAVAILABLE when the NLP backend cannot ` +
      'be started or reached; the message says what to run.',
  })
  async draftDocument(
    @Arg('article', () => String, {
      description: `The article’s text, verbatim, as article.txt will hold it (1 to ${MAX} characters).`,
    })
    article: string,
    @Arg('date', () => GraphQLDate, {
      nullable: true,
      description:
        'Its publication date (YYYY-MM-DD): relative dates ("on Sunday") resolve against it. Default: today (UTC).',
    })
    date: Date | null,
    @Arg('id', () => String, {
      nullable: true,
      description: 'The document id to give it (a lowercase slug). Default: one made from the title.',
    })
    id: string | null,
    @Arg('title', () => String, {
      nullable: true,
      description: 'Its title. Default: the drafter makes one from the article.',
    })
    title: string | null,
    @Arg('source', () => String, { nullable: true, description: 'Who published it, e.g. the outlet.' })
    source: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<Draft> {
    requireWriter(ctx.auth);
    const options = {
      article: checkedArticle(article),
      date: date ? date.toISOString().slice(0, 10) : today(),
      id: checkedId(id),
      title: title == null ? undefined : boundedText('title', title),
      source: source == null ? undefined : boundedText('source', source),
    };
    if (!ctx.drafts) {
      throw new ServiceError('NLP_UNAVAILABLE', 'This service was started without a draft backend.');
    }
    // Checked against the registry stored in the graph, as loadDocument checks what it loads.
    const draft = await ctx.drafts.draft(options, await ctx.stores.writer.registry());
    return {
      documentId: draft.annotation.document.id,
      backend: draft.backend,
      yaml: draft.yaml,
      parseMs: draft.parseMs,
      extractMs: draft.extractMs,
      items: draft.items.map(asItem),
    };
  }
}
