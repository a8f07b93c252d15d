import { describe, expect, it } from 'vitest';
import { GraphLinkSchema, GraphNodeSchema, textSchema } from '../../server/schemas/common.schema.ts';
import { ListCreateSchema } from '../../server/schemas/lists.schema.ts';
import { SearchCreateSchema, StageUpdateSchema } from '../../server/schemas/searches.schema.ts';

const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f'];
const DIRECTION = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('textSchema', () => {
  it('textSchema refuses C0 and C1 control characters and text-direction controls, naming the code point', () => {
    const line = textSchema({ max: 50 });
    for (const c of [...CONTROL, '\t', '\n', '\r']) {
      expect(line.safeParse(`a${c}b`).error?.issues[0]?.message).toBe(`must not contain a control character (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
    }
    for (const c of DIRECTION) expect(line.safeParse(`a${c}b`).error?.issues[0]?.message).toMatch(/text-direction control character \(U\+20[26][0-9A-E]\)/);
  });

  it('textSchema keeps tab and line breaks in multi-line text only, and letters, marks and emoji everywhere', () => {
    const block = textSchema({ min: 0, max: 200, multiline: true });
    expect(block.parse(' first\r\nsecond\n\tindented ')).toBe('first\r\nsecond\n\tindented');
    for (const c of [...CONTROL, '\u000b', '\u000c', ...DIRECTION]) expect(block.safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
    expect(block.parse('')).toBe('');
    // Arabic and Hebrew need no override characters; the zero-width joiner and marks are text.
    for (const text of ['שלום עולם', 'مرحبا', 'Zoë Ångström', '👩‍💻 lead', 'a\u200db']) expect(textSchema({ max: 50 }).parse(text)).toBe(text);
  });

  it('textSchema refuses half a surrogate pair and text of nothing but invisible characters, and keeps them inside visible text', () => {
    const line = textSchema({ max: 50 });
    expect(line.safeParse('a\ud800b').error?.issues[0]?.message).toBe('must be valid Unicode text: it holds half of a surrogate pair (U+D800)');
    expect(line.safeParse('\udfff').success).toBe(false);
    for (const blank of ['\u200b', '\u200f', ' \u200b\ufeff ', '\u2060\u200d']) {
      expect(line.safeParse(blank).error?.issues[0]?.message, JSON.stringify(blank)).toBe('must not be empty (it holds only invisible characters)');
    }
    // A whole pair is one character (emoji), and a mark beside letters is text.
    for (const text of ['😀', 'a\u200bb', '\u200fשלום']) expect(line.parse(text)).toBe(text);
    // Optional text (min 0) may be empty; invisible-only optional text is left to the caller's trim.
    expect(textSchema({ min: 0, max: 50 }).parse('\u200b')).toBe('\u200b');
  });

  it('textSchema is used by search titles, clients, stage notes and list names, each naming its field', () => {
    const search = { title: 'Lead', client: 'Client' };
    expect(SearchCreateSchema.safeParse({ ...search, title: 'a\u0000' }).error?.issues[0]?.path).toEqual(['title']);
    expect(SearchCreateSchema.safeParse({ ...search, client: '\u202eX' }).error?.issues[0]?.path).toEqual(['client']);
    expect(StageUpdateSchema.safeParse({ stage: 'contacted', note: 'bell\u0007' }).error?.issues[0]?.path).toEqual(['note']);
    expect(StageUpdateSchema.parse({ stage: 'contacted', note: 'line one\nline two' }).note).toBe('line one\nline two');
    expect(ListCreateSchema.safeParse({ kind: 'search', name: 'x\u2066', searchId: 's1' }).error?.issues[0]?.path).toEqual(['name']);
    expect(ListCreateSchema.safeParse({ kind: 'pool', name: 'x\u0000', hubId: 'h1' }).error?.issues[0]?.path).toEqual(['name']);
  });
});

describe('GraphPropsSchema', () => {
  const node = (props: unknown) => ({ key: 'candidate:c1', id: 'c1', kind: 'candidate', label: 'Ada', props });
  const link = (props: unknown) => ({ source: 'candidate:c1', target: 'employer:e1', type: 'WORKS_AT', props });

  it('GraphPropsSchema passes the properties of a node or link as they are: text, finite numbers, booleans and null', () => {
    const props = { title: 'Engineer', years: 7, openToWork: false, since: null, empty: '' };
    expect(GraphNodeSchema.parse(node(props)).props).toEqual(props);
    expect(GraphLinkSchema.parse(link({})).props).toEqual({});
  });

  it('GraphPropsSchema refuses a nested value, an array, a non-finite number, undefined and a props that is no object, naming props', () => {
    for (const bad of [{ a: {} }, { a: [1] }, { a: Number.NaN }, { a: Number.POSITIVE_INFINITY }, { a: undefined }, { a: 1n }, [], null, 'x', 3]) {
      const issue = GraphNodeSchema.safeParse(node(bad)).error?.issues[0];
      expect(issue?.path, JSON.stringify(String(bad))).toEqual(['props']);
      expect(GraphLinkSchema.safeParse(link(bad)).success).toBe(false);
    }
  });
});

