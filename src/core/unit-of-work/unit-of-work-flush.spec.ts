import { joinStatements, renumbered } from './unit-of-work-flush';

describe('joinStatements', () => {
  it('sends a single statement as it is', () => {
    expect(joinStatements([{ text: 'INSERT INTO a VALUES ($1)', values: [1] }])).toEqual({ text: 'INSERT INTO a VALUES ($1)', values: [1] });
  });

  it('puts the effects in CTEs ahead of the lead, renumbering every placeholder', () => {
    const joined = joinStatements(
      [
        { text: 'INSERT INTO e VALUES ($1, $2), ($3, $4)', values: ['a', 'b', 'c', 'd'] },
        { text: 'INSERT INTO l VALUES ($1)', values: ['x'] },
      ],
      { text: 'UPDATE c SET s = $2 WHERE id = $1 RETURNING v', values: ['id', 's'] },
    );
    expect(joined).toEqual({
      text: 'WITH uow_0 AS (INSERT INTO e VALUES ($1, $2), ($3, $4)), uow_1 AS (INSERT INTO l VALUES ($5)) UPDATE c SET s = $7 WHERE id = $6 RETURNING v',
      values: ['a', 'b', 'c', 'd', 'x', 'id', 's'],
    });
  });

  it('renumbers two-digit placeholders as numbers, not as text', () => {
    const values = Array.from({ length: 12 }, (_, i) => i);
    const joined = joinStatements([{ text: 'INSERT INTO a VALUES ($1)', values: [0] }], { text: 'SELECT $12, $1', values });
    expect(joined?.text).toBe('WITH uow_0 AS (INSERT INTO a VALUES ($1)) SELECT $13, $2');
  });

  it('renumbers a text it renumbered before at another offset for that offset, and the same at the same offset', () => {
    const text = 'UPDATE c SET s = $2 WHERE id = $1';
    expect(renumbered(text, 5)).toBe('UPDATE c SET s = $7 WHERE id = $6');
    expect(renumbered(text, 40)).toBe('UPDATE c SET s = $42 WHERE id = $41');
    expect(renumbered(text, 5)).toBe('UPDATE c SET s = $7 WHERE id = $6');
    expect(renumbered(text, 0)).toBe(text);
    // Two effects of one text at different offsets in one statement.
    const joined = joinStatements([{ text: 'INSERT INTO e VALUES ($1)', values: ['a'] }, { text: 'INSERT INTO e VALUES ($1)', values: ['b'] }], { text: 'SELECT $1', values: ['c'] });
    expect(joined?.text).toBe('WITH uow_0 AS (INSERT INTO e VALUES ($1)), uow_1 AS (INSERT INTO e VALUES ($2)) SELECT $3');
  });

  it('has nothing to send without statements', () => {
    expect(joinStatements([])).toBeUndefined();
  });

  it('checks conditions in the same statement, ahead of everything, read first by the main query whatever the lead returns', () => {
    const joined = joinStatements(
      [{ text: 'INSERT INTO e VALUES ($1)', values: ['a'] }],
      { text: 'UPDATE c SET s = $2 WHERE id = $1 RETURNING v', values: ['id', 's'] },
      [
        { text: 'f($1::uuid[], $2)', values: [['k'], 't'] },
        { text: 'g($1)', values: ['n'] },
      ],
    );
    expect(joined).toEqual({
      text: 'WITH uow_check AS (SELECT (f($1::uuid[], $2)) AND (g($3)) AS ok), uow_0 AS (INSERT INTO e VALUES ($4)), uow_1 AS (UPDATE c SET s = $6 WHERE id = $5 RETURNING v) SELECT uow_lead.* FROM uow_check LEFT JOIN uow_1 AS uow_lead ON true WHERE uow_check.ok',
      values: [['k'], 't', 'n', 'a', 'id', 's'],
    });
  });

  it('checks conditions alone when nothing else is left to write', () => {
    expect(joinStatements([], undefined, [{ text: 'f($1)', values: [1] }])).toEqual({ text: 'WITH uow_check AS (SELECT (f($1)) AS ok) SELECT ok FROM uow_check WHERE ok', values: [1] });
  });
});
