import { randomBytes, randomUUID } from 'node:crypto';
import { Column, CreateDateColumn, DataSource, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { insertStatement } from '../../src/core/database/insert-statement';

const SUFFIX = randomBytes(3).toString('hex');

@Entity({ name: `insert_spec_parent_${SUFFIX}` })
class Parent {
  @PrimaryColumn('uuid')
  id!: string;
}

// The kinds of column the outbox rows have: a foreign key that is also a relation, jsonb (an object
// and an array), a nullable column some rows leave out, defaults, and the create and update dates.
@Entity({ name: `insert_spec_row_${SUFFIX}` })
class Row {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Parent, { nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Parent | null;

  @Column({ type: 'varchar', length: 32 })
  status!: string;

  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Column({ name: 'earlier', type: 'jsonb', default: () => `'[]'` })
  earlier!: string[];

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_at', type: 'timestamptz', nullable: true })
  nextAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

describe('insertStatement: an INSERT written from the entity, as TypeORM writes it', () => {
  let dataSource: DataSource;
  const parentId = randomUUID();

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [Parent, Row], synchronize: true });
    await dataSource.initialize();
    await dataSource.getRepository(Parent).insert({ id: parentId });
  });

  afterAll(async () => {
    await dataSource.query(`DROP TABLE IF EXISTS "insert_spec_row_${SUFFIX}", "insert_spec_parent_${SUFFIX}"`).catch(() => undefined);
    await dataSource.destroy();
  });

  const rowsFor = (tag: string) => [
    { id: randomUUID(), parentId, status: 'PENDING', envelope: { tag, nested: { list: [1, 'two'] } }, earlier: ['2026-12-06T10:00:00.000Z'], nextAt: new Date('2026-12-06T10:00:00Z') },
    // Without a parent, an earlier list or attempts: those take NULL and their defaults.
    { id: randomUUID(), parentId: null, status: 'UNROUTABLE', envelope: { tag } },
  ];

  async function read(ids: string[]): Promise<Record<string, unknown>[]> {
    const rows = (await dataSource.query(`SELECT * FROM "insert_spec_row_${SUFFIX}" WHERE id = ANY($1) ORDER BY status`, [ids])) as Record<string, unknown>[];
    return rows.map(({ id: _id, created_at, updated_at, envelope, ...rest }) => {
      expect(created_at).toBeInstanceOf(Date);
      expect(updated_at).toBeInstanceOf(Date);
      return { ...rest, envelopeNested: (envelope as { nested?: unknown }).nested ?? null };
    });
  }

  it('writes the rows the query builder writes: jsonb arrays as JSON, absent columns to their defaults, the relation key from its property', async () => {
    const ours = rowsFor('ours');
    const statement = insertStatement(dataSource.getMetadata(Row), ours);
    expect(statement.text).toMatch(new RegExp(`^INSERT INTO "insert_spec_row_${SUFFIX}" \\("id", "parent_id", "status", "envelope", "earlier", "next_at"\\) VALUES \\(\\$1, .*\\), \\(\\$7, \\$8, \\$9, \\$10, DEFAULT, DEFAULT\\)$`));
    await dataSource.query(statement.text, statement.values);

    const theirs = rowsFor('theirs');
    await dataSource.createQueryBuilder().insert().into(Row).values(theirs).execute();

    const written = await read(ours.map((row) => row.id));
    expect(written).toEqual(await read(theirs.map((row) => row.id)));
    expect(written).toEqual([
      { parent_id: parentId, status: 'PENDING', earlier: ['2026-12-06T10:00:00.000Z'], attempts: 0, next_at: new Date('2026-12-06T10:00:00Z'), envelopeNested: { list: [1, 'two'] } },
      { parent_id: null, status: 'UNROUTABLE', earlier: [], attempts: 0, next_at: null, envelopeNested: null },
    ]);
  });

  it('refuses an empty list of rows rather than write a statement PostgreSQL refuses', () => {
    expect(() => insertStatement(dataSource.getMetadata(Row), [])).toThrow(/at least one row/);
  });
});
