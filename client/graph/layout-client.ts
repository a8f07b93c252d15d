import type { LayoutNodeInput } from './force-layout.ts';
import type { LayoutProgress, LayoutRequest } from '../workers/layout.worker.ts';

/**
 * The page's side of the layout worker: start a layout, get every batch of
 * positions through `onProgress`, pass drags on. A new start supersedes the
 * previous run; stale batches are dropped by run id.
 */

export interface LayoutRun {
  nodes: LayoutNodeInput[];
  links: Uint32Array;
  seed: number;
  alpha?: number;
  /** Post only the settled positions (for replaying earlier steps of a view). */
  quiet?: boolean;
}

/** Nodes as flat (x, y, charge) triples, NaN where a value is absent: for the worker, transferred rather than cloned object by object. */
export function packNodes(nodes: readonly LayoutNodeInput[]): Float64Array {
  const packed = new Float64Array(nodes.length * 3);
  nodes.forEach((n, i) => {
    const placed = n.x != null && n.y != null;
    packed[3 * i] = placed ? n.x! : Number.NaN;
    packed[3 * i + 1] = placed ? n.y! : Number.NaN;
    packed[3 * i + 2] = n.charge ?? Number.NaN;
  });
  return packed;
}

export class LayoutClient {
  private readonly worker: Worker;
  private runId = 0;
  private resolveRun: ((progress: LayoutProgress) => void) | null = null;

  constructor(private readonly onProgress: (progress: LayoutProgress) => void) {
    this.worker = new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module', name: 'graph-layout' });
    this.worker.onmessage = (event: MessageEvent<LayoutProgress>) => {
      const progress = event.data;
      if (progress.runId !== this.runId) return;
      this.onProgress(progress);
      if (progress.done && this.resolveRun) {
        const resolve = this.resolveRun;
        this.resolveRun = null;
        resolve(progress);
      }
    };
  }

  get currentRun(): number {
    return this.runId;
  }

  /** Starts a layout; resolves with its settled positions (or never, when superseded). */
  start(run: LayoutRun): Promise<LayoutProgress> {
    this.runId++;
    const message: LayoutRequest = { type: 'start', runId: this.runId, ...run, nodes: packNodes(run.nodes) };
    this.worker.postMessage(message, [message.nodes.buffer, run.links.buffer]);
    return new Promise((resolve) => {
      this.resolveRun = resolve;
    });
  }

  drag(index: number, x: number, y: number): void {
    this.worker.postMessage({ type: 'drag', runId: this.runId, index, x, y } satisfies LayoutRequest);
  }

  release(index: number): void {
    this.worker.postMessage({ type: 'release', runId: this.runId, index } satisfies LayoutRequest);
  }

  dispose(): void {
    this.worker.terminate();
    this.resolveRun = null;
  }
}
