import { describe, expect, it } from 'vitest';
import { VIEWS, defaultState, toUrl } from '../../client/state.ts';
import { EXPLORER_VIEWS, SavedViewCreateSchema, SavedViewUrlSchema } from '../../server/schemas/saved-views.schema.ts';

describe('SavedViewUrlSchema', () => {
  it('SavedViewUrlSchema names the same pages as the explorer and accepts every URL it writes', () => {
    expect([...EXPLORER_VIEWS]).toEqual([...VIEWS]);
    for (const view of VIEWS) expect(SavedViewUrlSchema.safeParse(toUrl(defaultState(view))).success, view).toBe(true);
    for (const url of ['/', '/map', '/map?hub=paris&skills=pytorch,seg&match=any', '/graph?id=c-1&kind=candidate&depth=2', '/flows?hub=x&months=12', '/market?search=3f2a', '/map?q=%E2%80%AE%00']) {
      expect(SavedViewUrlSchema.safeParse(url).success, url).toBe(true);
    }
  });

  it('SavedViewUrlSchema refuses API paths, unknown pages, control characters and other sites', () => {
    for (const url of [
      '/\u0000',
      '/map?hub=\u0000',
      '/map?hub=\u202Eparis',
      '/map?hub=a\tb',
      '/api/candidates/c-000001/dsar',
      '/api/saved-views',
      '/mapx',
      '/map/',
      '/admin',
      '//evil.example/map',
      'https://evil.example/map',
      'javascript:alert(1)',
      '/map#top',
      '/map?x=a b',
      '/\\evil.example',
      '',
    ]) {
      const result = SavedViewUrlSchema.safeParse(url);
      expect(result.success, JSON.stringify(url)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/page of the explorer|at most/);
    }
  });
});

describe('SavedViewCreateSchema', () => {
  it('SavedViewCreateSchema refuses a name with control or text-direction characters, naming the field', () => {
    for (const name of ['a\u0000b', 'ring\u0007', '\u202Eevil', 'x\u2067y', 'two\nlines', 'tab\there', 'c1\u009b']) {
      const result = SavedViewCreateSchema.safeParse({ name, url: '/map' });
      expect(result.success, JSON.stringify(name)).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['name'], message: expect.stringMatching(/control character \(U\+[0-9A-F]{4}\)/) });
    }
    expect(SavedViewCreateSchema.parse({ name: '  Zürich – 北京 ✓ ', url: '/map' }).name).toBe('Zürich – 北京 ✓');
  });
});
