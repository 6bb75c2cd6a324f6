import { Foundation1795767938248 } from './1795767938248-Foundation';
import { Signing1795771385900 } from './1795771385900-Signing';
import { Exchange1795773865930 } from './1795773865930-Exchange';
import { Receipt1795777485885 } from './1795777485885-Receipt';
import { Matching1795940000000 } from './1795940000000-Matching';

// Every migration, in order. Merged migrations are never rewritten: add a new one.
export const MIGRATIONS = [Foundation1795767938248, Signing1795771385900, Exchange1795773865930, Receipt1795777485885, Matching1795940000000];
