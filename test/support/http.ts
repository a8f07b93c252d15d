import type request from 'supertest';
import { expect } from 'vitest';

/**
 * The bad-input contract: the given status with `{ error: { code, message,
 * details } }`, the offending field or value named, and nothing internal
 * (stack frames, driver errors, Cypher) in the body.
 */
export function expectError(res: request.Response, status: number, mention?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|Neo4jError|MATCH \(|stack/);
  if (mention) expect(JSON.stringify(res.body.error)).toContain(mention);
}
