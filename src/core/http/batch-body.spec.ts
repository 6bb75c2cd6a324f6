import { readBatch } from './batch-body';

describe('readBatch', () => {
  it('gives the items of a batch within the limit', () => {
    expect(readBatch({ certificates: [{ a: 1 }, 'x'] }, 'certificates', 3)).toEqual({ items: [{ a: 1 }, 'x'] });
    expect(readBatch({ certificates: [1, 2, 3] }, 'certificates', 3)).toEqual({ items: [1, 2, 3] });
  });

  it('refuses a body that is not an object, an array body included', () => {
    for (const body of [null, 'x', 3, [{ a: 1 }]]) {
      expect(readBatch(body, 'certificates')).toEqual({ violations: [expect.objectContaining({ ruleId: 'BATCH-001', path: '' })] });
    }
  });

  it('names every problem of the whole batch at once: unknown fields, and items that are not an array', () => {
    expect(readBatch({ certificates: { a: 1 }, extra: true, more: 1 }, 'certificates')).toEqual({
      violations: [
        { ruleId: 'SHAPE-whitelistValidation', severity: 'error', path: 'extra', message: 'unknown field extra' },
        { ruleId: 'SHAPE-whitelistValidation', severity: 'error', path: 'more', message: 'unknown field more' },
        { ruleId: 'BATCH-002', severity: 'error', path: 'certificates', message: 'certificates must be an array of 1 to 500 items' },
      ],
    });
    expect(readBatch({}, 'references')).toEqual({ violations: [expect.objectContaining({ ruleId: 'BATCH-002', path: 'references' })] });
  });

  it('refuses an empty batch and one over the limit, saying how many it holds', () => {
    expect(readBatch({ references: [] }, 'references')).toEqual({ violations: [expect.objectContaining({ ruleId: 'BATCH-003' })] });
    expect(readBatch({ references: [1, 2, 3, 4] }, 'references', 3)).toEqual({
      violations: [{ ruleId: 'BATCH-004', severity: 'error', path: 'references', message: 'references has 4 items; a batch takes at most 3: split it' }],
    });
  });
});
