import { type Type } from '@nestjs/common';
import { ArgsType, Field, type FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 0 to ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an endCursor or edge cursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; null when the page is empty' })
  endCursor!: string | null;
}

/** A value, or a function that computes it, called only when the field is selected (see `lazy`). */
export type Lazy<T> = T | (() => Promise<T>);

/** Field middleware resolving a Lazy value: expensive fields (counts) run only when a client asks. */
export const lazy: FieldMiddleware = async (_context, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => Promise<unknown>)() : value;
};

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: Lazy<number>;
}

/**
 * A Relay-style connection type `<Name>Connection` with `<Name>Edge`. `totalCount` may be a function, called
 * only when a client selects the field, so the count query runs only when needed.
 */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field({ description: 'Opaque cursor of this edge' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the arguments, over all pages', middleware: [lazy] })
    totalCount!: Lazy<number>;
  }
  return ConnectionType;
}

/**
 * Builds a connection from `first + 1` fetched rows: the extra row only tells whether a next page exists.
 */
export function toConnection<Row, T>(
  rows: Row[],
  first: number,
  toEdge: (row: Row) => Edge<T>,
  totalCount: Lazy<number>,
): ConnectionShape<T> {
  const edges = rows.slice(0, first).map(toEdge);
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * Whether the field being resolved selects the subfield `name` (e.g. a connection's totalCount), directly or
 * through fragments. A subfield under @include or @skip counts as selected.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      return visit(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
