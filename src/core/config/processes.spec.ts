import { apiProcessCount, poolSize } from './processes';

describe('processes and the connection budget', () => {
  it('divides HUB_DB_CONNECTIONS across the processes, one of each share kept for LISTEN', () => {
    expect(poolSize({})).toBe(29);
    expect(poolSize({ HUB_DB_CONNECTIONS: '30', HUB_PROCESS_COUNT: '3' })).toBe(9);
    expect(poolSize({ HUB_DB_CONNECTIONS: '8', HUB_PROCESS_COUNT: '2' })).toBe(3);
  });

  it('never goes below two connections a process', () => {
    expect(poolSize({ HUB_DB_CONNECTIONS: '4', HUB_PROCESS_COUNT: '3' })).toBe(2);
  });

  it('runs one API process per core unless HUB_API_PROCESSES says otherwise', () => {
    expect(apiProcessCount({}, 2)).toBe(2);
    expect(apiProcessCount({ HUB_API_PROCESSES: 1 }, 2)).toBe(1);
  });
});
