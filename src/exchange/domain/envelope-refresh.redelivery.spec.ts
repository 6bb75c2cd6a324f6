import { refreshForRedelivery } from './envelope-refresh';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const DAY = 86_400_000;
const base = { keyId: 'a'.repeat(64), currentKeyId: 'a'.repeat(64), earlierCreatedAt: [], now: NOW, resignAfterMs: DAY };

describe('an operator sends a delivery again', () => {
  it('gives an envelope older than the configured age a fresh createdAt, keeping the old one in case the receiver holds it', () => {
    expect(refreshForRedelivery({ ...base, createdAt: '2026-11-25T10:00:00.000Z', earlierCreatedAt: ['2026-11-24T10:00:00.000Z'] })).toEqual({
      createdAt: '2026-11-27T10:00:00.000Z',
      earlierCreatedAt: ['2026-11-24T10:00:00.000Z', '2026-11-25T10:00:00.000Z'],
      note: 'created 172800 s ago, beyond 86400 s: signed again with a fresh createdAt',
    });
  });

  it('signs an envelope of a retired node key again with the current key, createdAt unchanged', () => {
    expect(refreshForRedelivery({ ...base, createdAt: '2026-11-27T09:00:00.000Z', keyId: 'b'.repeat(64) })).toEqual({
      createdAt: '2026-11-27T09:00:00.000Z',
      earlierCreatedAt: [],
      note: 'signed with a node key no longer in use: signed again with the current one',
    });
  });

  it('sends a recent envelope of the current key as it is', () => {
    expect(refreshForRedelivery({ ...base, createdAt: new Date(NOW.getTime() - DAY).toISOString() })).toBeUndefined();
    expect(refreshForRedelivery({ ...base, createdAt: '2026-11-27T09:00:00.000Z', keyId: undefined })).toBeUndefined();
  });
});
