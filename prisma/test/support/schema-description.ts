import type { DMMF } from '@prisma/client/runtime/client';
import type { ClientBase } from 'pg';

/*
 * Both sides of the schema-consistency test are described as sorted lines such as
 *   column ratings.rating real NOT NULL
 *   index ratings_movie_id_idx ON ratings USING btree (movie_id)
 *   foreign key ratings_movie_id_fkey ratings(movie_id) -> movies(id) ON DELETE Cascade ON UPDATE Cascade
 * so a mismatch shows up as a readable diff. CHECK constraints are not described: Prisma does not model them.
 */

const MIGRATIONS_TABLE = '_prisma_migrations';

/** PostgreSQL type (as `format_type` prints it) of each Prisma scalar without a native type attribute. */
const DEFAULT_COLUMN_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** Prisma's referential action names, by pg_constraint.confdeltype / confupdtype. */
const REFERENTIAL_ACTIONS: Record<string, string> = {
  a: 'NoAction',
  r: 'Restrict',
  c: 'Cascade',
  n: 'SetNull',
  d: 'SetDefault',
};

/** Default values that Prisma Client generates itself; the column has no SQL default. */
const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

const POSTGRES_MAX_IDENTIFIER_LENGTH = 63;

export function describeDatamodel(datamodel: DMMF.Datamodel): string[] {
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const tableOf = (model: DMMF.Model) => model.dbName ?? model.name;
  const columnOf = (model: DMMF.Model, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name} has no field ${fieldName}`);
    return field.dbName ?? field.name;
  };
  const enumTypes = new Map(datamodel.enums.map((prismaEnum) => [prismaEnum.name, prismaEnum.dbName ?? prismaEnum.name]));
  const lines: string[] = [];

  for (const prismaEnum of datamodel.enums) {
    lines.push(`enum ${prismaEnum.dbName ?? prismaEnum.name} (${prismaEnum.values.map((value) => value.dbName ?? value.name).join(', ')})`);
  }

  for (const model of datamodel.models) {
    const table = tableOf(model);
    lines.push(`table ${table}`);
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          const target = models.get(field.type)!;
          const columns = field.relationFromFields.map((name) => columnOf(model, name));
          const referenced = field.relationToFields!.map((name) => columnOf(target, name));
          const optional = field.relationFromFields.some((name) => !model.fields.find((f) => f.name === name)!.isRequired);
          const onDelete = field.relationOnDelete ?? (optional ? 'SetNull' : 'Restrict');
          const onUpdate = field.relationOnUpdate ?? 'Cascade';
          lines.push(
            `foreign key ${defaultConstraintName(table, columns, 'fkey')} ${table}(${columns.join(', ')}) -> ` +
              `${tableOf(target)}(${referenced.join(', ')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
          );
        }
        continue;
      }
      const baseType = field.kind === 'enum' ? enumTypes.get(field.type)! : columnType(model, field);
      lines.push(
        describeColumn(
          table,
          field.dbName ?? field.name,
          baseType + (field.isList ? '[]' : ''),
          !field.isRequired,
          expectedDefault(model, field),
        ),
      );
    }
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model)!;
    const table = tableOf(model);
    const columns = index.fields.map((field) => columnOf(model, field.name));
    const ordered = index.fields.map((field, i) => columns[i] + (field.sortOrder === 'desc' ? ' DESC' : ''));
    const method = (index.algorithm ?? 'btree').toLowerCase();
    if (index.type === 'id') {
      lines.push(describeIndex('primary key', index.dbName ?? defaultConstraintName(table, [], 'pkey'), table, method, ordered));
    } else if (index.type === 'unique') {
      lines.push(describeIndex('unique index', index.dbName ?? defaultConstraintName(table, columns, 'key'), table, method, ordered));
    } else if (index.type === 'normal') {
      lines.push(describeIndex('index', index.dbName ?? defaultConstraintName(table, columns, 'idx'), table, method, ordered));
    } else {
      throw new Error(`schema-description: ${index.type} indexes are not supported`);
    }
  }
  return lines.sort();
}

export async function describeDatabase(client: ClientBase): Promise<string[]> {
  const lines: string[] = [];

  const enums = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE t.typnamespace = current_schema()::regnamespace
    GROUP BY t.typname`);
  for (const row of enums.rows) lines.push(`enum ${row.name} (${row.values.join(', ')})`);

  const tables = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class
     WHERE relkind IN ('r', 'p') AND relnamespace = current_schema()::regnamespace AND relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  for (const row of tables.rows) lines.push(`table ${row.name}`);

  const columns = await client.query<{
    table_name: string;
    column_name: string;
    type: string;
    nullable: boolean;
    default_expr: string | null;
  }>(
    `SELECT c.relname AS table_name, a.attname AS column_name,
            CASE WHEN t.typtype = 'e' THEN t.typname ELSE format_type(a.atttypid, a.atttypmod) END AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default_expr
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace AND c.relname <> $1
       AND a.attnum > 0 AND NOT a.attisdropped`,
    [MIGRATIONS_TABLE],
  );
  for (const row of columns.rows) {
    lines.push(describeColumn(row.table_name, row.column_name, row.type, row.nullable, normalizeDefault(row.default_expr)));
  }

  const indexes = await client.query<{
    table_name: string;
    index_name: string;
    is_primary: boolean;
    is_unique: boolean;
    method: string;
    columns: string[];
  }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, x.indisprimary AS is_primary, x.indisunique AS is_unique,
            am.amname AS method,
            ARRAY(SELECT pg_get_indexdef(x.indexrelid, k + 1, true) || CASE WHEN x.indoption[k] & 1 = 1 THEN ' DESC' ELSE '' END
                  FROM generate_subscripts(x.indkey, 1) AS k ORDER BY k) AS columns
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_am am ON am.oid = i.relam
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  for (const row of indexes.rows) {
    const kind = row.is_primary ? 'primary key' : row.is_unique ? 'unique index' : 'index';
    lines.push(describeIndex(kind, row.index_name, row.table_name, row.method, row.columns));
  }

  const foreignKeys = await client.query<{
    name: string;
    table_name: string;
    columns: string[];
    referenced_table: string;
    referenced_columns: string[];
    on_delete: string;
    on_update: string;
  }>(`
    SELECT c.conname AS name, t.relname AS table_name, r.relname AS referenced_table,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
           ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS referenced_columns,
           c.confdeltype AS on_delete, c.confupdtype AS on_update
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_class r ON r.oid = c.confrelid
    WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace`);
  for (const row of foreignKeys.rows) {
    lines.push(
      `foreign key ${row.name} ${row.table_name}(${row.columns.join(', ')}) -> ${row.referenced_table}(${row.referenced_columns.join(', ')}) ` +
        `ON DELETE ${REFERENTIAL_ACTIONS[row.on_delete]} ON UPDATE ${REFERENTIAL_ACTIONS[row.on_update]}`,
    );
  }
  return lines.sort();
}

function describeColumn(table: string, column: string, type: string, nullable: boolean, defaultValue: string | undefined): string {
  return `column ${table}.${column} ${type} ${nullable ? 'NULL' : 'NOT NULL'}${defaultValue === undefined ? '' : ` DEFAULT ${defaultValue}`}`;
}

function describeIndex(kind: string, name: string, table: string, method: string, columns: string[]): string {
  return `${kind} ${name} ON ${table} USING ${method} (${columns.join(', ')})`;
}

/** Prisma's default names: `<table>_<columns>_<suffix>`, trimmed to PostgreSQL's identifier limit; `<table>_pkey`. */
function defaultConstraintName(table: string, columns: string[], suffix: string): string {
  const base = [table, ...columns].join('_');
  return `${base.slice(0, POSTGRES_MAX_IDENTIFIER_LENGTH - suffix.length - 1)}_${suffix}`;
}

function columnType(model: DMMF.Model, field: DMMF.Field): string {
  if (!field.nativeType) {
    const type = DEFAULT_COLUMN_TYPES[field.type];
    if (!type) throw new Error(`schema-description: no column type for ${model.name}.${field.name} (${field.type})`);
    return type;
  }
  const [name, args] = field.nativeType;
  const params = args.length > 0 ? `(${args.join(',')})` : '';
  switch (name) {
    case 'Text':
      return 'text';
    case 'VarChar':
      return `character varying${params}`;
    case 'Char':
      return `character${params}`;
    case 'Uuid':
      return 'uuid';
    case 'SmallInt':
      return 'smallint';
    case 'Integer':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Real':
      return 'real';
    case 'DoublePrecision':
      return 'double precision';
    case 'Decimal':
      return `numeric${params}`;
    case 'Date':
      return 'date';
    case 'Timestamp':
      return `timestamp${params} without time zone`;
    case 'Timestamptz':
      return `timestamp${params} with time zone`;
    case 'JsonB':
      return 'jsonb';
    default:
      throw new Error(`schema-description: add the column type of @db.${name} (${model.name}.${field.name})`);
  }
}

/** The SQL default Prisma Migrate creates for a field, in the form normalizeDefault() gives database defaults. */
function expectedDefault(model: DMMF.Model, field: DMMF.Field): string | undefined {
  if (!field.hasDefaultValue) return undefined;
  const value = field.default;
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value)) throw new Error(`schema-description: list default of ${model.name}.${field.name} is not supported`);
  const { name, args } = value as DMMF.FieldDefault;
  if (CLIENT_SIDE_DEFAULTS.has(name)) return undefined;
  if (name === 'autoincrement' || name === 'now') return `${name}()`;
  if (name === 'dbgenerated') return String(args[0]);
  throw new Error(`schema-description: default ${name}() of ${model.name}.${field.name} is not supported`);
}

function normalizeDefault(expression: string | null): string | undefined {
  if (expression === null) return undefined;
  if (expression.startsWith('nextval(')) return 'autoincrement()';
  if (expression === 'CURRENT_TIMESTAMP' || expression === 'now()') return 'now()';
  const literal = /^'(.*)'::[\w ."]+$/s.exec(expression);
  return literal ? literal[1].replace(/''/g, "'") : expression;
}
