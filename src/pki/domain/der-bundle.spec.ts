import { joinDer, splitDer } from './der-bundle';

describe('DER bundles', () => {
  it('splits what it joined, short and long lengths alike', () => {
    const short = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05]);
    const long = Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00]), Buffer.alloc(256, 7)]);
    expect(splitDer(joinDer([short, long, short]))).toEqual([short, long, short]);
  });

  it('reads an empty or missing bundle as no certificates', () => {
    expect(splitDer(Buffer.alloc(0))).toEqual([]);
    expect(splitDer(null)).toEqual([]);
  });

  it('refuses a truncated bundle', () => {
    expect(() => splitDer(Buffer.from([0x30, 0x05, 0x01]))).toThrow(/truncated/);
  });
});
