import { readFileSync } from 'node:fs';
import { CliUsageError } from './cli-options';

/** A file named on the command line; one that cannot be read is a usage error naming it. */
export function readCliFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliUsageError(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
