import { ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'Where a page of a Relay connection stands.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Items come before this page (it was asked for with `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after`.' })
  endCursor!: string | null;
}

/**
 * The edge and connection classes of one node type: `<Name>Edge { cursor node }` and
 * `<Name>Connection { edges pageInfo }`; `what` names the items ("stances").
 */
export function connectionTypes<N extends object>(
  name: string,
  node: () => ClassType<N> | object,
  what: string,
  /** Where counting every item is cheap: the description of a `totalCount` field. */
  totalCount?: string,
) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One of the ${what}, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor: pass it as `after` for what follows this item.' })
    cursor!: string;

    @Field(node as () => ClassType, { description: 'The item.' })
    node!: N;
  }

  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${what} (Relay connection).`,
  })
  class Connection {
    @Field(() => [Edge], { description: 'The page, in order.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where the page stands.' })
    pageInfo!: PageInfo;

    totalCount?: number;
  }
  if (totalCount) Field(() => Int, { description: totalCount })(Connection.prototype, 'totalCount');
  return { Edge, Connection };
}
