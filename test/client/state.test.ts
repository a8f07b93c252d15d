import { describe, expect, it } from 'vitest';
import { type ViewState, defaultState, filterQuery, parseState, toUrl } from '../../client/state.ts';

describe('view state in the URL', () => {
  it('parseState reads the hub map’s filters, hub, page and profile', () => {
    const { state, ignored } = parseState('/map?skills=pytorch,dicom&match=any&sectors=radiology&seniority=senior,lead&segment=academic&passive=1&hub=munich&after=abc_12&page=3&profile=reachable&candidate=c-9');
    expect(ignored).toEqual([]);
    expect(state).toEqual({
      view: 'map',
      filters: { skills: ['pytorch', 'dicom'], skillMode: 'any', sectors: ['radiology'], seniority: ['senior', 'lead'], segment: ['academic'], passiveOnly: true },
      hub: 'munich',
      after: 'abc_12',
      page: 3,
      profile: 'reachable',
      candidate: 'c-9',
    });
  });

  it('toUrl writes every view back to the URL it was read from, leaving defaults out', () => {
    const urls = [
      '/map',
      '/map?skills=pytorch,dicom&match=any&sectors=radiology&seniority=senior,lead&segment=academic&passive=1&profile=reachable&hub=munich&after=abc_12&page=3&candidate=c-9',
      '/graph?id=munich&kind=hub&depth=2&limit=2000&expand=employer:e-1,candidate:c-2',
      '/graph',
      '/market?search=7a251c14-1c86-4aad-bba6-e0158b33cdc6',
      '/flows?by=employer&hub=munich&months=any&into=target&limit=80',
      '/flows',
    ];
    for (const url of urls) expect(toUrl(parseState(url).state)).toBe(url);
    expect(toUrl(defaultState('flows'))).toBe('/flows');
  });

  it('parseState drops what it cannot read and says what and why, keeping the rest', () => {
    const { state, ignored } = parseState('/map?seniority=senior,boss&segment=aliens&hub=%20bad%20id&passive=maybe&profile=fastest&skills=ok,no%20way');
    expect(state).toMatchObject({ view: 'map', hub: null, profile: null, filters: { seniority: ['senior'], segment: [], passiveOnly: false, skills: ['ok'] } });
    expect(ignored).toEqual([
      'skills=no way (not an id)',
      'seniority=boss (one of junior, mid, senior, lead)',
      'segment=aliens (one of target-sector, adjacent-sector, academic, other)',
      'passive=maybe (not a yes/no value)',
      'hub= bad id (not an id)',
      'profile=fastest (one of balanced, skills-first, reachable)',
    ]);
  });

  it('parseState falls back to the hub map for an unknown page and ignores graph expansions that are not node keys', () => {
    expect(parseState('/nowhere?hub=munich')).toMatchObject({ state: { view: 'map', hub: 'munich' }, ignored: ['the page "/nowhere" (showing the hub map)'] });
    expect(parseState('/').state.view).toBe('map');
    const graph = parseState('/graph?id=munich&expand=hub:berlin,planet:mars,nokey,employer:e-1&depth=7');
    expect(graph.state).toMatchObject({ view: 'graph', expand: ['hub:berlin', 'employer:e-1'], depth: 1 });
    expect(graph.ignored).toEqual(['depth=7 (one of 1, 2)', 'expand=planet:mars (not a node key kind:id)', 'expand=nokey (not a node key kind:id)']);
  });

  it('parseState keeps a cursor only with a hub, and a page only with a cursor', () => {
    expect(parseState('/map?after=abc&page=4').state).toMatchObject({ after: null, page: 1 });
    expect(parseState('/map?hub=x&page=4').state).toMatchObject({ after: null, page: 1 });
    expect(parseState('/map?hub=x&after=abc').state).toMatchObject({ after: 'abc', page: 2 });
  });

  it('filterQuery turns the filters into the API’s pool parameters', () => {
    const state = parseState('/map?skills=a,b&sectors=s1&seniority=mid&segment=other&passive=1').state as Extract<ViewState, { view: 'map' }>;
    expect(filterQuery(state.filters)).toEqual({ allSkills: 'a,b', anySkills: undefined, sectors: 's1', seniority: 'mid', segment: 'other', passiveOnly: 'true' });
    expect(filterQuery({ ...state.filters, skillMode: 'any' })).toMatchObject({ allSkills: undefined, anySkills: 'a,b' });
  });
});
