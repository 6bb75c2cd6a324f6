import { afterIdReused } from './envelope-refresh';

describe('a receiver holds the envelope id with other content', () => {
  it('sends the latest earlier signing again, which the receiver may hold with its answer lost', () => {
    expect(afterIdReused({ earlierCreatedAt: ['2026-11-01T08:00:00.000Z', '2026-11-20T08:00:00.000Z'] })).toEqual({
      ok: true,
      refresh: {
        createdAt: '2026-11-20T08:00:00.000Z',
        earlierCreatedAt: ['2026-11-01T08:00:00.000Z'],
        note: 'sent again as signed with createdAt 2026-11-20T08:00:00.000Z, which the receiver may hold',
      },
    });
  });

  it('is final once no earlier signing is left: the id was used for something else', () => {
    expect(afterIdReused({ earlierCreatedAt: [] })).toEqual({ ok: false, reason: 'the receiver holds this envelope id with other content' });
  });
});
