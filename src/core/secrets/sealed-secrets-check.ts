import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { hubConfig } from '../config/hub.config';
import { MasterKeyRing } from './master-key-ring';
import { MasterKeyRotation, RotationReport } from './master-key-rotation';

/**
 * What a process should say at start about the sealed secrets: a warning for those sealed under a key
 * it does not hold (they will not open: the previous key was dropped too early), and during a
 * rotation how many still wait under HUB_MASTER_KEY_PREVIOUS.
 */
export function sealedSecretsAtStart(report: RotationReport, ring: MasterKeyRing): { warnings: string[]; notes: string[] } {
  const held = new Set([ring.current?.id, ring.previous?.id].filter((id) => id !== undefined));
  const unheld: string[] = [];
  const previous: string[] = [];
  for (const table of report.tables) {
    for (const { keyId, rows } of table.remaining) {
      if (keyId === null) continue;
      if (!held.has(keyId)) unheld.push(`${rows} ${table.label} (${table.table}) under ${keyId}`);
      else previous.push(`${rows} ${table.label} (${table.table})`);
    }
  }
  const warnings =
    unheld.length === 0
      ? []
      : [
          `Sealed under a master key this process does not hold (HUB_MASTER_KEY is ${ring.current?.id}, HUB_MASTER_KEY_PREVIOUS ${ring.previous?.id ?? 'is not set'}): ${unheld.join(', ')}. ` +
            'They cannot be used until this process holds that key: give it as HUB_MASTER_KEY (the key they were rotated to), or as HUB_MASTER_KEY_PREVIOUS and run `npm run keys:rotate-master`',
        ];
  const notes = previous.length === 0 ? [] : [`Master key rotation under way: still under HUB_MASTER_KEY_PREVIOUS ${ring.previous?.id}: ${previous.join(', ')}; run \`npm run keys:rotate-master\``];
  return { warnings, notes };
}

/** Says it at start, once per process; never stops the start. */
@Injectable()
export class SealedSecretsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('MasterKey');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(hubConfig.KEY) private readonly hub: Pick<ConfigType<typeof hubConfig>, 'masterKey' | 'masterKeyPrevious'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.hub.masterKey) return;
    try {
      const ring = MasterKeyRing.of(this.hub);
      const { warnings, notes } = sealedSecretsAtStart(await new MasterKeyRotation(this.dataSource, ring).report(), ring);
      for (const line of warnings) this.logger.warn(line);
      for (const line of notes) this.logger.log(line);
    } catch (error) {
      this.logger.warn(`Could not count the sealed secrets by master key: ${(error as Error).message}`);
    }
  }
}
