import { isTransportModeCode, TRANSPORT_MODES } from './transport-modes';

describe('UNECE Recommendation 19 transport modes', () => {
  it('holds the ten one-digit codes 0 to 9', () => {
    expect([...TRANSPORT_MODES.keys()]).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('names the modes', () => {
    expect(TRANSPORT_MODES.get('1')).toBe('Maritime transport');
    expect(TRANSPORT_MODES.get('4')).toBe('Air transport');
    expect(TRANSPORT_MODES.get('7')).toBe('Fixed transport installation');
  });

  it.each(['0', '1', '3', '9'])('accepts %s', (code) => {
    expect(isTransportModeCode(code)).toBe(true);
  });

  it.each(['10', '12', 'A', ' 1', '-1', ''])('rejects %j', (code) => {
    expect(isTransportModeCode(code)).toBe(false);
  });
});
