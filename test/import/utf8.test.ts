import { describe, expect, it } from 'vitest';
import { Utf8Stream, invalidSequences } from '../../server/import/utf8.ts';

const LITERAL = Buffer.from('\uFFFD');

/** Decodes `input` cut into chunks of `size` bytes; returns the text and every mark, taken at the end. */
function decodeIn(input: Buffer, size: number) {
  const stream = new Utf8Stream();
  let text = '';
  for (let i = 0; i < input.length; i += size) text += stream.decode(input.subarray(i, i + size));
  text += stream.end();
  return { text, marks: stream.takeMarks({ char: Number.POSITIVE_INFINITY }) };
}

/** A small seeded generator (mulberry32), so a failing input can be made again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Utf8Stream', () => {
  it('Utf8Stream marks a U+FFFD the input holds apart from invalid bytes, by place, however the input is cut', () => {
    // "a" U+FFFD "b" C3 28 "c" U+FFFD "é" E2 82 (cut off at the end)
    const input = Buffer.concat([Buffer.from('a'), LITERAL, Buffer.from('b'), Buffer.from([0xc3, 0x28]), Buffer.from('c'), LITERAL, Buffer.from('é'), Buffer.from([0xe2, 0x82])]);
    for (const size of [1, 2, 3, 4, 5, input.length]) {
      const { text, marks } = decodeIn(input, size);
      expect(text, `chunks of ${size}`).toBe('a\uFFFDb\uFFFD(c\uFFFDé\uFFFD');
      expect(marks, `chunks of ${size}`).toEqual([
        { char: 1, byte: 1 },
        { char: 3, byte: 5, invalidAt: 5 },
        { char: 6, byte: 10 },
        { char: 8, byte: 15, invalidAt: 13 },
      ]);
    }
  });

  it('Utf8Stream gives input offsets counting a byte-order mark, and text places without it', () => {
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), LITERAL, Buffer.from([0xff]), Buffer.from('😀'), Buffer.from([0x80])]);
    for (const size of [1, 2, input.length]) {
      const { text, marks } = decodeIn(input, size);
      expect(text).toBe('\uFFFD\uFFFD😀\uFFFD');
      // The emoji is two UTF-16 units and four bytes.
      expect(marks).toEqual([
        { char: 0, byte: 0 },
        { char: 1, byte: 3, invalidAt: 6 },
        { char: 4, byte: 10, invalidAt: 11 },
      ]);
    }
  });

  it('Utf8Stream.takeMarks takes the marks before a place, in characters or bytes, once', () => {
    const stream = new Utf8Stream();
    stream.decode(Buffer.concat([Buffer.from('ab'), LITERAL, Buffer.from([0xff]), Buffer.from('ü'), LITERAL]));
    expect(stream.takeMarks({ char: 2 })).toEqual([]);
    expect(stream.takeMarks({ byte: 6 })).toEqual([
      { char: 2, byte: 2 },
      { char: 3, byte: 5, invalidAt: 5 },
    ]);
    expect(stream.takeMarks({ byte: 6 })).toEqual([]);
    expect(stream.takeMarks({ char: 6 })).toEqual([{ char: 5, byte: 10 }]);
  });

  it('Utf8Stream decodes any bytes as TextDecoder does, one invalid mark for each U+FFFD it writes for invalid bytes', () => {
    const next = random(20240611);
    // Bytes that make up sequences, cut ones and strays: ASCII, lead bytes of every length, continuations, bytes UTF-8 never uses.
    const alphabet = [0x41, 0x0a, 0xc2, 0xc3, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xc0, 0xff, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbd, 0xbf, 0xbb];
    for (let n = 0; n < 300; n++) {
      const input = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]!));
      const expected = new TextDecoder().decode(input);
      const body = input.subarray(input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0);
      for (const size of [1, 3, input.length]) {
        const { text, marks } = decodeIn(input, size);
        const hex = input.toString('hex');
        expect(text, hex).toBe(expected);
        expect(marks.length, hex).toBe([...text].filter((c) => c === '\uFFFD').length);
        expect(marks.filter((m) => m.invalidAt !== undefined).map((m) => m.invalidAt! - (input.length - body.length)), hex).toEqual(invalidSequences(body).map((s) => s.at));
        for (const m of marks) {
          expect(text[m.char], hex).toBe('\uFFFD');
          expect(Buffer.byteLength(text.slice(0, m.char)), hex).toBe(m.byte);
        }
      }
    }
  });
});
