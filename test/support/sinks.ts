import { Writable } from 'node:stream';

/** A Writable that keeps everything written to it. */
export class CollectingSink extends Writable {
  readonly chunks: Buffer[] = [];
  constructor(options: { highWaterMark?: number } = {}) {
    super(options);
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }
  get buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
  get text(): string {
    return this.buffer.toString('utf8');
  }
}

/**
 * A Writable that takes one chunk per event-loop turn and counts the line
 * ends it received; at each chunk it notes how many records the producer had
 * handed out by then (`produced()`), so a test can see how far ahead of the
 * sink the producer ran: with back-pressure, a few buffers' worth at most.
 */
export class SlowLineSink extends Writable {
  lines = 0;
  maxLead = 0;
  constructor(private readonly produced: () => number) {
    super({ highWaterMark: 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    for (const byte of chunk) if (byte === 0x0a) this.lines++;
    this.maxLead = Math.max(this.maxLead, this.produced() - this.lines);
    setImmediate(callback);
  }
}
