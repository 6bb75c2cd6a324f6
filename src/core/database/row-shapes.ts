import * as pg from 'pg';

/** A column of a result as PostgreSQL describes it (RowDescription), as far as reading a row needs. */
export interface FieldShape {
  name: string;
  dataTypeID: number;
  format?: string;
}

type Parser = (value: string) => unknown;
type TypeParsers = { getTypeParser(oid: number, format?: string): unknown };
type Build = (values: readonly (string | null)[], parsers: readonly Parser[]) => Record<string, unknown>;

/** How the rows of one statement's result are read: a parser per column and a row made in one step. */
export interface RowShape extends Described {
  row(values: readonly (string | null)[]): Record<string, unknown>;
}

// Column names come from the server; an object literal would take `__proto__` as the prototype.
const UNSAFE_NAMES = new Set(['__proto__']);

/**
 * The shape of a result with these columns, or undefined where node-postgres' own reading must stay
 * (a column in binary format, a name an object literal cannot carry). The row is an object literal
 * made by a function compiled once per shape: its keys are the columns' names, quoted as JSON (a
 * server's name can never close the literal), in the order node-postgres gives them, and where a name
 * repeats the last column's value wins, as in node-postgres.
 */
export function rowShape(fields: readonly FieldShape[], types: TypeParsers): RowShape | undefined {
  if (fields.some((f) => (f.format !== undefined && f.format !== 'text') || UNSAFE_NAMES.has(f.name))) return undefined;
  const parsers = fields.map((f) => types.getTypeParser(f.dataTypeID, 'text') as Parser);
  const properties = fields.map((f, i) => `${JSON.stringify(f.name)}: v[${i}] === null ? null : p[${i}](v[${i}])`);
  // Its source is built from JSON-quoted names and indices only.
  const build = new Function('v', 'p', `return { ${properties.join(', ')} };`) as Build;
  return { ...described(fields, types), row: (values) => build(values, parsers) };
}

/** Columns as a result described them, kept apart from the description node-postgres holds. */
interface Described {
  readonly fields: readonly FieldShape[];
  readonly types: TypeParsers;
}

function described(fields: readonly FieldShape[], types: TypeParsers): Described {
  return { fields: fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID, format: f.format })), types };
}

/** Whether `shape` reads a result described by `fields` (same names, types and formats, in order). */
export function fitsShape(shape: Described, fields: readonly FieldShape[], types: TypeParsers): boolean {
  if (shape.types !== types || shape.fields.length !== fields.length) return false;
  for (let i = 0; i < fields.length; i++) {
    const a = shape.fields[i];
    const b = fields[i];
    if (a.dataTypeID !== b.dataTypeID || a.name !== b.name || a.format !== b.format) return false;
  }
  return true;
}

/**
 * The row shapes of a connection's named statements, one per statement name (a connection has type
 * parsers of its own, so its shapes are its own too). A named statement answers with the same columns
 * on every call, yet node-postgres reads its RowDescription afresh each time: a parser looked up per
 * column, a template row built key by key and copied, then each row filled key by key. Under GET as
 * the issuer (a certificate's forty columns) its addFields and parseRow were 11% of the API process's
 * CPU samples, JSON parsing of the jsonb columns included (issue 14). Here the description is only
 * compared with the one seen before; a statement whose columns change gets a new shape.
 */
export class RowShapes {
  private readonly shapes = new Map<string, { described: Described; fields: readonly FieldShape[]; shape?: RowShape }>();

  /** The shape for statement `name` with these columns, or undefined for node-postgres' own reading. */
  shapeOf(name: string, fields: readonly FieldShape[], types: TypeParsers): RowShape | undefined {
    const known = this.shapes.get(name);
    if (known && fitsShape(known.described, fields, types)) return known.shape;
    const shape = rowShape(fields, types);
    this.shapes.set(name, { described: shape ?? described(fields, types), fields, shape });
    return shape;
  }

  /**
   * The columns statement `name` answered with when last described on this connection, if its rows
   * are read through a shape with these type parsers: ShapedQuery then asks PostgreSQL for no
   * description. The server holds the statement's result type fixed from its Parse: were a table
   * changed under it, Bind fails ("cached plan must not change result type", 0A000) rather than
   * answer in other columns, so the description kept here is never read against other rows.
   */
  describedColumns(name: string, types: TypeParsers): readonly FieldShape[] | undefined {
    const known = this.shapes.get(name);
    return known?.shape && known.described.types === types ? known.fields : undefined;
  }

  get size(): number {
    return this.shapes.size;
  }
}

/** node-postgres' Result as far as the hub uses it (pg exports the class; @types/pg does not describe it). */
interface PgResult {
  fields: FieldShape[];
  _types?: TypeParsers;
  addFields(fields: FieldShape[]): void;
  parseRow(values: (string | null)[]): Record<string, unknown>;
}
const PgResult = (pg as unknown as { Result: new (rowMode?: string, types?: TypeParsers) => PgResult }).Result;

/**
 * node-postgres' Result, reading rows through the statement's RowShape. Only how a row is read
 * changes: the fields, rows, command and row count are node-postgres' own, and a result no shape
 * reads is read by node-postgres itself.
 */
export class ShapedResult extends PgResult {
  private shape?: RowShape;

  constructor(
    private readonly statement: string,
    private readonly shapes: RowShapes,
  ) {
    super();
  }

  /** Whether its rows were read through a shape (else node-postgres read them). */
  get shaped(): boolean {
    return this.shape !== undefined;
  }

  override addFields(fields: FieldShape[]): void {
    // The client gives the result its type parsers once the query is submitted, before any field.
    this.shape = this.shapes.shapeOf(this.statement, fields, this._types ?? pg.types);
    if (this.shape) this.fields = fields;
    else super.addFields(fields);
  }

  override parseRow(values: (string | null)[]): Record<string, unknown> {
    return this.shape ? this.shape.row(values) : super.parseRow(values);
  }
}

/** node-postgres' Connection as far as ShapedQuery sends on it. */
interface PgConnection {
  parsedStatements: Record<string, string | undefined>;
  bind(config: { statement: string; values: unknown[] }): void;
  execute(config: { portal: string }): void;
  sync(): void;
}

/** node-postgres' Query as far as ShapedQuery takes over its sending (pg's own class; @types/pg does not describe these). */
interface PgQueryInternals {
  name: string;
  values?: unknown[];
  _result: PgResult;
  handleRowDescription(message: { fields: FieldShape[] }): void;
}

// node-postgres' own mapping of a parameter to what it sends (pg/lib/utils; @types/pg does not describe it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

/** The values as node-postgres would send them, or undefined when one cannot be (pg then fails the query its own way). */
function sendable(values: readonly unknown[] | undefined): unknown[] | undefined {
  try {
    return (values ?? []).map((value) => prepareValue(value));
  } catch {
    return undefined;
  }
}

/**
 * A named statement whose result is read through its RowShape: node-postgres' Query with the result
 * replaced before it is submitted (a named statement is one statement: it has one result). It is
 * made from the text, so node-postgres has no query config of the caller's to copy (that copy, of
 * every own property with its descriptor, was 2% of the API's CPU under GETs), and named after.
 *
 * Once the statement was described on the connection, it is sent as Bind, Execute and Sync, without
 * node-postgres' Describe: PostgreSQL then sends no RowDescription, and the result takes the columns
 * described before (RowShapes.describedColumns). Under GET as the issuer, reading the forty columns'
 * description on every call was 4% of the API's CPU samples (issue 14), and the server built it each
 * time too.
 */
export class ShapedQuery extends pg.Query {
  constructor(
    name: string,
    text: string,
    values: unknown[],
    private readonly shapes: RowShapes,
    callback: (error: Error | undefined, result: pg.QueryResult) => void,
  ) {
    super(text, values, callback as never);
    const result = new ShapedResult(name, shapes);
    Object.assign(this, { name, _result: result, _results: result });
  }

  /** Called by node-postgres' submit, the stream corked, when the query's turn comes on `connection`. */
  prepare(connection: PgConnection): void {
    const self = this as unknown as PgQueryInternals;
    const columns = connection.parsedStatements[self.name] !== undefined ? this.shapes.describedColumns(self.name, self._result._types ?? pg.types) : undefined;
    const values = columns && sendable(self.values);
    if (!columns || !values) {
      (pg.Query.prototype as unknown as { prepare(c: PgConnection): void }).prepare.call(this, connection);
      return;
    }
    connection.bind({ statement: self.name, values });
    self.handleRowDescription({ fields: columns.slice() });
    connection.execute({ portal: '' });
    connection.sync();
  }
}
