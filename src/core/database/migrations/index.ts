import { Foundation1795767938248 } from './1795767938248-Foundation';

// Every migration, in order. Merged migrations are never rewritten: add a new one.
export const MIGRATIONS = [Foundation1795767938248];
