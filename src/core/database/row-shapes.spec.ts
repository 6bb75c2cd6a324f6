import * as pg from 'pg';
import { FieldShape, RowShapes, fitsShape, rowShape } from './row-shapes';

// node-postgres' own reading of a row, the behaviour a shape must keep.
const PgResult = (pg as unknown as { Result: new () => { addFields(f: FieldShape[]): void; parseRow(v: (string | null)[]): Record<string, unknown> } }).Result;

function pgRow(fields: FieldShape[], values: (string | null)[]): Record<string, unknown> {
  const result = new PgResult();
  result.addFields(fields);
  return result.parseRow(values);
}

// Type OIDs (PostgreSQL's pg_type): int4 23, text 25, bool 16, jsonb 3802, timestamptz 1184, int4[] 1007.
const fields: FieldShape[] = [
  { name: 'id', dataTypeID: 23, format: 'text' },
  { name: 'status', dataTypeID: 25, format: 'text' },
  { name: 'done', dataTypeID: 16, format: 'text' },
  { name: 'document', dataTypeID: 3802, format: 'text' },
  { name: 'at', dataTypeID: 1184, format: 'text' },
  { name: 'counts', dataTypeID: 1007, format: 'text' },
];
const values = ['7', 'ISSUED', 't', '{"a": [1, 2], "b": null}', '2026-12-06 10:00:00.123+00', '{1,2,3}'];

describe('rowShape: a row read in one step, as node-postgres reads it', () => {
  it('gives the same values, keys and key order as node-postgres', () => {
    const shaped = rowShape(fields, pg.types)!.row(values);
    const stock = pgRow(fields, values);
    expect(shaped).toEqual(stock);
    expect(Object.keys(shaped)).toEqual(Object.keys(stock));
    expect(shaped).toEqual({ id: 7, status: 'ISSUED', done: true, document: { a: [1, 2], b: null }, at: new Date('2026-12-06T10:00:00.123Z'), counts: [1, 2, 3] });
  });

  it('keeps NULL as null without calling the parser', () => {
    const row = rowShape(fields, pg.types)!.row([null, null, null, null, null, null]);
    expect(row).toEqual(pgRow(fields, [null, null, null, null, null, null]));
    expect(Object.values(row).every((v) => v === null)).toBe(true);
  });

  it('carries any name the server gives as a key, never as code', () => {
    const odd: FieldShape[] = ['a"b', 'x\\y', "it's", 'line\nbreak', '}; throw 1; ({', 'constructor', 'toString', 'ünïcode\u2028'].map((name) => ({ name, dataTypeID: 25, format: 'text' }));
    const texts = odd.map((_, i) => `v${i}`);
    const shaped = rowShape(odd, pg.types)!.row(texts);
    expect(shaped).toEqual(pgRow(odd, texts));
    expect(Object.keys(shaped)).toEqual(odd.map((f) => f.name));
  });

  it('lets the last of repeated names win, in the first one place, as node-postgres does', () => {
    const twice: FieldShape[] = [
      { name: 'a', dataTypeID: 23, format: 'text' },
      { name: 'b', dataTypeID: 23, format: 'text' },
      { name: 'a', dataTypeID: 25, format: 'text' },
    ];
    const shaped = rowShape(twice, pg.types)!.row(['1', '2', 'three']);
    const stock = pgRow(twice, ['1', '2', 'three']);
    expect(shaped).toEqual(stock);
    expect(Object.keys(shaped)).toEqual(Object.keys(stock));
    expect(shaped.a).toBe('three');
  });

  it('leaves to node-postgres a column named __proto__ and a column in binary format', () => {
    expect(rowShape([{ name: '__proto__', dataTypeID: 25, format: 'text' }], pg.types)).toBeUndefined();
    expect(rowShape([{ name: 'id', dataTypeID: 23, format: 'binary' }], pg.types)).toBeUndefined();
  });

  it('reads a result without columns as an empty row', () => {
    expect(rowShape([], pg.types)!.row([])).toEqual({});
  });

  it('uses the type parsers it is given', () => {
    const types = { getTypeParser: (oid: number) => (oid === 23 ? (v: string) => `int:${v}` : (v: string) => v) };
    expect(rowShape([{ name: 'n', dataTypeID: 23, format: 'text' }], types)!.row(['5'])).toEqual({ n: 'int:5' });
  });
});

describe('fitsShape', () => {
  const shape = rowShape(fields, pg.types)!;

  it('holds for the same columns described again', () => {
    expect(fitsShape(shape, fields.map((f) => ({ ...f })), pg.types)).toBe(true);
  });

  it('fails for another name, type, format, count or set of parsers', () => {
    const changed = (i: number, change: Partial<FieldShape>) => fields.map((f, k) => (k === i ? { ...f, ...change } : f));
    expect(fitsShape(shape, changed(1, { name: 'state' }), pg.types)).toBe(false);
    expect(fitsShape(shape, changed(0, { dataTypeID: 20 }), pg.types)).toBe(false);
    expect(fitsShape(shape, changed(2, { format: 'binary' }), pg.types)).toBe(false);
    expect(fitsShape(shape, fields.slice(1), pg.types)).toBe(false);
    expect(fitsShape(shape, fields, { getTypeParser: pg.types.getTypeParser })).toBe(false);
  });

  it('does not depend on the fields it was made from staying as they were', () => {
    const mine = fields.map((f) => ({ ...f }));
    const own = rowShape(mine, pg.types)!;
    mine[0].name = 'changed';
    expect(fitsShape(own, fields, pg.types)).toBe(true);
  });
});

describe('RowShapes', () => {
  it('makes a statement its shape once and keeps it while the columns stay the same', () => {
    const shapes = new RowShapes();
    const first = shapes.shapeOf('s1', fields, pg.types);
    expect(first).toBeDefined();
    expect(shapes.shapeOf('s1', fields.map((f) => ({ ...f })), pg.types)).toBe(first);
    expect(shapes.size).toBe(1);
  });

  it('gives a statement whose columns changed a new shape', () => {
    const shapes = new RowShapes();
    const first = shapes.shapeOf('s1', fields, pg.types);
    const second = shapes.shapeOf('s1', [...fields, { name: 'more', dataTypeID: 25, format: 'text' }], pg.types);
    expect(second).not.toBe(first);
    expect(second!.row([...values, 'x']).more).toBe('x');
    expect(shapes.size).toBe(1);
  });

  it('remembers a statement no shape reads, until its columns change', () => {
    const shapes = new RowShapes();
    const binary: FieldShape[] = [{ name: 'id', dataTypeID: 23, format: 'binary' }];
    expect(shapes.shapeOf('s2', binary, pg.types)).toBeUndefined();
    expect(shapes.shapeOf('s2', binary, pg.types)).toBeUndefined();
    expect(shapes.shapeOf('s2', [{ name: 'id', dataTypeID: 23, format: 'text' }], pg.types)).toBeDefined();
  });
});
