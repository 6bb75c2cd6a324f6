import 'reflect-metadata';
import { Clock } from '../../core/clock/clock';
import { createDataSource } from '../../core/database/data-source';
import { AuditService } from '../audit.service';

// `npm run audit:verify`: recomputes the audit chain from the first entry and names the first
// broken one. Exit code 0 when intact, 1 when broken, 2 when it could not check.
async function main(): Promise<number> {
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    const result = await new AuditService(dataSource, new Clock()).verify();
    if (result.ok) {
      process.stdout.write(`audit chain intact: ${result.checked} entries checked\n`);
      return 0;
    }
    const broken = result.firstBroken!;
    process.stdout.write(`audit chain BROKEN at entry seq=${broken.seq} id=${broken.id}: ${broken.reason}: ${broken.message}\n`);
    process.stdout.write(`${result.checked} entries before it are intact\n`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify could not check the chain: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
