import { execFileSync } from 'node:child_process';

/**
 * `openssl speed -seconds <s> rsa2048` on one core: RSA-2048 signatures and verifications per second.
 * openssl prints e.g. "rsa 2048 bits 0.000218s 0.000006s   4587.2 161290.3" (sign/s, verify/s).
 */
export function opensslRsa2048(seconds: number): { signPerSecond: number; verifyPerSecond: number } {
  const output = execFileSync('openssl', ['speed', '-seconds', String(Math.max(1, Math.round(seconds))), 'rsa2048'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const match = /rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)/.exec(output);
  if (!match) throw new Error(`cannot read sign/s and verify/s from openssl speed output:\n${output}`);
  return { signPerSecond: Number(match[1]), verifyPerSecond: Number(match[2]) };
}
