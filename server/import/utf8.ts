import { isUtf8 } from 'node:buffer';

/**
 * A U+FFFD in the decoded text: one the input holds as a character, or one
 * that stands for an invalid byte sequence (`invalidAt`). After decoding the
 * two look alike, so a reader tells them apart by where they are.
 */
export interface ReplacementMark {
  /** Its index in the decoded text (UTF-16 code units, as a string counts). */
  char: number;
  /** Its offset in the decoded text written as UTF-8 (as a parser fed that text counts bytes). */
  byte: number;
  /** For invalid bytes: their offset in the input. */
  invalidAt?: number;
}

/** A place in the decoded text, counted in characters (`char`) or in bytes of its UTF-8 (`byte`). */
export type TextPosition = { char: number } | { byte: number };

const REPLACEMENT = '\uFFFD';
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT);

/**
 * Decodes a byte stream as UTF-8 chunk by chunk, without ever failing: an
 * invalid byte sequence becomes U+FFFD (as in WHATWG decoding). Every U+FFFD
 * of the text is marked with its place, and for invalid bytes their byte
 * offset, so a reader can reject exactly the row that holds invalid bytes,
 * whatever U+FFFD characters the file holds besides. A sequence cut between two
 * chunks is decoded whole, and a leading byte-order mark is dropped.
 */
export class Utf8Stream {
  /** The U+FFFD of the text decoded so far that no reader has taken, in text order. */
  private marks: ReplacementMark[] = [];
  private pending: Buffer = Buffer.alloc(0);
  private consumed = 0;
  private chars = 0;
  private textBytes = 0;
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

  /**
   * Takes the marks of the U+FFFD before `end` (a row's end in the text), in
   * text order; those of earlier rows are taken by then, or are dropped with them.
   */
  takeMarks(end: TextPosition): ReplacementMark[] {
    const before = 'char' in end ? (m: ReplacementMark) => m.char < end.char : (m: ReplacementMark) => m.byte < end.byte;
    let n = 0;
    while (n < this.marks.length && before(this.marks[n]!)) n++;
    return n === 0 ? [] : this.marks.splice(0, n);
  }

  private text(bytes: Buffer): string {
    let start = 0;
    if (!this.started && bytes.length > 0) {
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    }
    const part = bytes.subarray(start);
    const base = this.consumed + start;
    this.consumed += bytes.length;
    if (isUtf8(part)) return this.valid(part);
    // Decoded piece by piece, so each U+FFFD written for invalid bytes is known to be one.
    const pieces: string[] = [];
    let from = 0;
    for (const { at, length } of invalidSequences(part)) {
      pieces.push(this.valid(part.subarray(from, at)));
      this.marks.push({ char: this.chars, byte: this.textBytes, invalidAt: base + at });
      this.chars += 1;
      this.textBytes += REPLACEMENT_BYTES.length;
      pieces.push(REPLACEMENT);
      from = at + length;
    }
    pieces.push(this.valid(part.subarray(from)));
    return pieces.join('');
  }

  /** Text of valid UTF-8, its U+FFFD characters marked as the input's own. */
  private valid(bytes: Buffer): string {
    const text = bytes.toString('utf8');
    let b = -1;
    for (let c = text.indexOf(REPLACEMENT); c >= 0; c = text.indexOf(REPLACEMENT, c + 1)) {
      b = bytes.indexOf(REPLACEMENT_BYTES, b + 1);
      this.marks.push({ char: this.chars + c, byte: this.textBytes + b });
    }
    this.chars += text.length;
    this.textBytes += bytes.length;
    return text;
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

/** The invalid sequences of `buf`, each written as one U+FFFD (maximal subparts, as WHATWG decoding and Buffer#toString do). */
export function invalidSequences(buf: Buffer): { at: number; length: number }[] {
  const out: { at: number; length: number }[] = [];
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
      out.push({ at: i, length: 1 });
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      const c = buf[i + j];
      if (c === undefined || c < (j === 1 ? lo : 0x80) || c > (j === 1 ? hi : 0xbf)) break;
    }
    if (j <= need) {
      out.push({ at: i, length: j });
      i += j;
    } else i += need + 1;
  }
  return out;
}
