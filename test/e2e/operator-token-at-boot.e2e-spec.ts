import { BuiltHub } from '../support/built-hub';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

jest.setTimeout(120_000);

// Someone deploys the hub with an operator token a person chose, or copied from an example: under
// NODE_ENV=production the built hub (node dist/main.js) refuses to start, says why, and never
// prints the token.
describe('a weak operator token stops the built hub at start under NODE_ENV=production', () => {
  it.each([
    ['too short for its characters', 'k3j9x0q2m8v7b1n5c4z6w2r8', 'about 124 bits (its length times log2 of the size of the character classes it uses), at least 128 needed'],
    ['a unit repeated', 'Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!', 'it is a word or a run of one pattern (it repeats one unit of 4 characters)'],
    ['a run of the alphabet', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 'it is a word or a run of one pattern (a run such as aaaa, abcd or 9876)'],
    ['words', 'Operator-Password-Secret-Token-Admin!', 'it is a word or a run of one pattern (a common word'],
  ])('refuses %s', async (_what, token, reason) => {
    const result = await BuiltHub.exit({ NODE_ENV: 'production', HUB_ADMIN_TOKEN: token });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`HUB_ADMIN_TOKEN: invalid (HUB_ADMIN_TOKEN is too weak for production: ${reason}`);
    expect(`${result.stdout}${result.stderr}`).not.toContain(token);
  });

  it('refuses a weak metrics token the same way', async () => {
    const result = await BuiltHub.exit({ NODE_ENV: 'production', HUB_METRICS_TOKEN: 'prometheus-prometheus-prometheus' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HUB_METRICS_TOKEN: invalid (HUB_METRICS_TOKEN is too weak for production');
  });

  it('starts with a strong one, and outside production with a weak one', async () => {
    for (const env of [{ NODE_ENV: 'production', HUB_ADMIN_TOKEN: TEST_ADMIN_TOKEN }, { NODE_ENV: 'development', HUB_ADMIN_TOKEN: 'x'.repeat(40) }]) {
      const hub = await BuiltHub.start({ ...env, LOG_LEVEL: 'warn' });
      expect((await fetch(`${hub.url}/v1/authorities`, { headers: { authorization: `Bearer ${env.HUB_ADMIN_TOKEN}` } })).status).toBe(200);
      expect(await hub.stop()).toBe(0);
    }
  });
});
