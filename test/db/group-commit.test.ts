import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../server/db/group-commit.ts';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('group-commit', () => {
  it('createGroupCommit writes items that arrive during a flush together in the next one, and resolves each caller after its own flush', async () => {
    const flushed: number[][] = [];
    const writer = createGroupCommit<number>(async (items) => {
      await tick();
      flushed.push(items);
    });
    const resolvedAfter: Record<number, number> = {};
    const adds = Array.from({ length: 20 }, (_, i) => writer.add(i).then(() => (resolvedAfter[i] = flushed.length)));
    await Promise.all(adds);
    // The first item starts a flush alone; the 19 queued behind it go together.
    expect(flushed).toEqual([[0], Array.from({ length: 19 }, (_, i) => i + 1)]);
    expect(resolvedAfter[0]).toBe(1);
    expect(resolvedAfter[19]).toBe(2);
  });

  it('createGroupCommit rejects every caller of a failed flush with its error, and goes on with later items', async () => {
    let calls = 0;
    const writer = createGroupCommit<string>(async (items) => {
      calls += 1;
      await tick();
      if (items.includes('bad')) throw new Error('constraint violated');
    });
    const first = writer.add('a');
    const failing = [writer.add('b'), writer.add('bad')];
    await expect(first).resolves.toBeUndefined();
    for (const p of failing) await expect(p).rejects.toThrow('constraint violated');
    await expect(writer.add('c')).resolves.toBeUndefined();
    expect(calls).toBe(3);
  });

  it('createGroupCommit caps a flush at maxBatch items and drain waits for all of them', async () => {
    const sizes: number[] = [];
    const writer = createGroupCommit<number>(async (items) => {
      await tick();
      sizes.push(items.length);
    }, 4);
    for (let i = 0; i < 11; i++) void writer.add(i);
    await writer.drain();
    expect(sizes).toEqual([1, 4, 4, 2]);
  });
});
