import { defineQueries } from '../../server/db/cypher.ts';
import { int } from '../../server/db/neo4j.ts';

const q = defineQueries('sequence-rows');

/** A statement and parameters returning rows 1…n with an integer, a date, a point and a string each. */
export function sequenceRows(n: number): [string, Record<string, unknown>] {
  return [q['sequence-rows'], { n: int(n) }];
}
