import { describe, expect, it } from 'vitest';
import { KeptRows } from '../../server/services/kept-rows.ts';

interface Row {
  id: string;
  text: string;
}

/** A reader that answers `text@call` for each id it is given (none for `erased`), and records its calls. */
function reader(erased: readonly string[] = []) {
  const calls: string[][] = [];
  const read = async (ids: string[]): Promise<Row[]> => {
    calls.push(ids);
    return ids.filter((id) => !erased.includes(id)).map((id) => ({ id, text: `${id}@${calls.length}` }));
  };
  return { calls, read };
}

const wanted = (...ids: string[]) => ids.map((id) => ({ id, key: `${id}|ctx` }));
const texts = (rows: Map<string, Row>) => Object.fromEntries([...rows].map(([id, row]) => [id, row.text]));

describe('KeptRows', () => {
  it('reads only the rows it does not keep at the same mark', async () => {
    const store = new KeptRows<Row>();
    const { calls, read } = reader();
    expect(texts(await store.read('m1', wanted('a', 'b'), read))).toEqual({ a: 'a@1', b: 'b@1' });
    expect(texts(await store.read('m1', wanted('b', 'c'), read))).toEqual({ b: 'b@1', c: 'c@2' });
    expect(calls).toEqual([['a', 'b'], ['c']]);
    expect(store.rowsRead).toBe(3);
  });

  it('keeps rows by key: the same person read against something else is read again', async () => {
    const store = new KeptRows<Row>();
    const { calls, read } = reader();
    await store.read('m1', [{ id: 'a', key: 'a|0.5' }], read);
    await store.read('m1', [{ id: 'a', key: 'a|0.8' }], read);
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('drops every row at a new mark it was not carried to', async () => {
    const store = new KeptRows<Row>();
    const { calls, read } = reader();
    await store.read('m1', wanted('a', 'b'), read);
    expect(texts(await store.read('m2', wanted('a', 'b'), read))).toEqual({ a: 'a@2', b: 'b@2' });
    expect(calls).toEqual([['a', 'b'], ['a', 'b']]);
  });

  it('carries rows to the next mark without the changed people, and only from the mark they were read at', async () => {
    const store = new KeptRows<Row>();
    const { calls, read } = reader();
    await store.read('m1', wanted('a', 'b', 'c'), read);
    store.carry('m1', 'm2', ['b']);
    expect(texts(await store.read('m2', wanted('a', 'b', 'c'), read))).toEqual({ a: 'a@1', b: 'b@2', c: 'c@1' });
    // A carry from a mark these rows are not at says nothing about what changed since they were read.
    store.carry('m0', 'm3', []);
    await store.read('m3', wanted('a'), read);
    expect(calls).toEqual([['a', 'b', 'c'], ['b'], ['a']]);
  });

  it('keeps no row for a person the read did not return (erased meanwhile)', async () => {
    const store = new KeptRows<Row>();
    const { calls, read } = reader(['gone']);
    expect(texts(await store.read('m1', wanted('a', 'gone'), read))).toEqual({ a: 'a@1' });
    expect(texts(await store.read('m1', wanted('a', 'gone'), read))).toEqual({ a: 'a@1' });
    expect(calls).toEqual([['a', 'gone'], ['gone']]);
  });

  it('shares one read between requests that miss the same rows at once', async () => {
    const store = new KeptRows<Row>();
    const { calls, read } = reader();
    const [first, second] = await Promise.all([store.read('m1', wanted('a', 'b'), read), store.read('m1', wanted('b', 'c'), read)]);
    expect(texts(first)).toEqual({ a: 'a@1', b: 'b@1' });
    expect(texts(second)).toEqual({ b: 'b@1', c: 'c@2' });
    expect(calls).toEqual([['a', 'b'], ['c']]);
  });

  it('does not keep rows read for a mark it has moved past', async () => {
    const store = new KeptRows<Row>();
    const { calls, read } = reader();
    let release!: () => void;
    const slow = async (ids: string[]) => {
      await new Promise<void>((resolve) => (release = resolve));
      return read(ids);
    };
    const late = store.read('m1', wanted('a'), slow);
    await store.read('m2', wanted('b'), read);
    release();
    expect(texts(await late)).toEqual({ a: 'a@2' });
    await store.read('m2', wanted('a'), read);
    expect(calls).toEqual([['b'], ['a'], ['a']]);
  });

  it('leaves nothing pending after a failed read: the next request reads again', async () => {
    const store = new KeptRows<Row>();
    const { calls, read } = reader();
    await expect(store.read('m1', wanted('a'), async () => Promise.reject(new Error('database lost')))).rejects.toThrow('database lost');
    expect(texts(await store.read('m1', wanted('a'), read))).toEqual({ a: 'a@1' });
    expect(calls).toEqual([['a']]);
  });

  it('lets rows age out and drops the least recently used beyond its size', async () => {
    let now = 0;
    const store = new KeptRows<Row>(2, 1_000, () => now);
    const { calls, read } = reader();
    await store.read('m1', wanted('a', 'b'), read);
    // Using a makes b the least recently used: c pushes b out.
    await store.read('m1', wanted('a'), read);
    await store.read('m1', wanted('c'), read);
    expect(store.size).toBe(2);
    await store.read('m1', wanted('a', 'b'), read);
    expect(calls).toEqual([['a', 'b'], ['c'], ['b']]);
    now = 1_000;
    await store.read('m1', wanted('a'), read);
    expect(calls.at(-1)).toEqual(['a']);
  });
});
