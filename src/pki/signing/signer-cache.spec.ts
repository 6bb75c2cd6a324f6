import { KeySigner } from '../keys/key-signer';
import { SignerCache } from './signer-cache';

describe('SignerCache', () => {
  const signer = {} as KeySigner;

  it('decrypts once per key id, also when many ask at the same time', async () => {
    const cache = new SignerCache();
    const load = jest.fn(async () => signer);
    const got = await Promise.all([cache.get('k1', load), cache.get('k1', load), cache.get('k1', load)]);
    expect(got).toEqual([signer, signer, signer]);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.get('k2', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed load, so the next signature tries again', async () => {
    const cache = new SignerCache();
    await expect(cache.get('k1', async () => Promise.reject(new Error('master key missing')))).rejects.toThrow('master key missing');
    await expect(cache.get('k1', async () => signer)).resolves.toBe(signer);
  });

  it('forgets a key that will not sign again', async () => {
    const cache = new SignerCache();
    const load = jest.fn(async () => signer);
    await cache.get('k1', load);
    cache.forget('k1');
    await cache.get('k1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
