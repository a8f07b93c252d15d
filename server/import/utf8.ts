import { isUtf8 } from 'node:buffer';

/**
 * Decodes a byte stream as UTF-8 chunk by chunk, without ever failing: an
 * invalid byte sequence becomes U+FFFD (as in WHATWG decoding) and its byte
 * offset is queued, so the reader can reject exactly the row that holds it.
 * A leading byte-order mark is dropped.
 */
export class Utf8Stream {
  /** Byte offsets (from the start of the input) of invalid sequences not yet claimed by a row. */
  private readonly invalid: number[] = [];
  private pending: Buffer = Buffer.alloc(0);
  private consumed = 0;
  private started = false;

  /** Total bytes decoded so far. */
  get bytes(): number {
    return this.consumed;
  }

  decode(chunk: Buffer): string {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const cut = completeLength(buf);
    this.pending = Buffer.from(buf.subarray(cut));
    return this.text(buf.subarray(0, cut));
  }

  /** Decodes what is left at the end of the input (an incomplete sequence is invalid). */
  end(): string {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest.length > 0 ? this.text(rest) : '';
  }

  /** Takes the offsets of the next `count` invalid sequences, in input order. */
  claimInvalid(count: number): number[] {
    return this.invalid.splice(0, count);
  }

  private text(bytes: Buffer): string {
    let start = 0;
    if (!this.started && bytes.length > 0) {
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    }
    const part = bytes.subarray(start);
    if (!isUtf8(part)) for (const at of invalidOffsets(part)) this.invalid.push(this.consumed + start + at);
    this.consumed += bytes.length;
    return part.toString('utf8');
  }
}

/** How many leading bytes form complete sequences (a sequence cut at the chunk's end waits for the next chunk). */
function completeLength(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Offsets of invalid sequences, one per U+FFFD that Buffer#toString writes (maximal subparts, WHATWG). */
export function invalidOffsets(buf: Buffer): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      out.push(i);
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      const c = buf[i + j];
      if (c === undefined || c < (j === 1 ? lo : 0x80) || c > (j === 1 ? hi : 0xbf)) break;
    }
    if (j <= need) {
      out.push(i);
      i += j;
    } else i += need + 1;
  }
  return out;
}
