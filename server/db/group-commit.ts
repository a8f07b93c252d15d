/**
 * Group commit: callers add items and wait until theirs are durable, while the
 * items that arrive during one flush are written together by the next. Under
 * load, N concurrent callers cost about one transaction per flush instead of
 * N commits (each commit of Neo4j's transaction log is a disk flush), and no
 * caller gets an answer before its item is stored.
 */
export interface GroupCommit<T> {
  /** Resolves once `item` is written; rejects with the flush's error if its batch failed. */
  add(item: T): Promise<void>;
  /** Resolves when everything added so far has been written or has failed. */
  drain(): Promise<void>;
}

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<T>(flush: (items: T[]) => Promise<void>, maxBatch = 1000): GroupCommit<T> {
  let queue: Pending<T>[] = [];
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await flush(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    running = null;
  }

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        running ??= run();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}
