import { describe, expect, it } from 'vitest';
import { PathsResponseSchema, type WarmPath } from '../../server/schemas/paths.schema.ts';
import { TODAY, useBatteryWorld } from '../support/battery-world.ts';

const people = (p: WarmPath) => [p.links[0]!.from.id, ...p.links.map((l) => l.to.id)].join('>');
const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** README "Warm paths": halves every five years since the shared time ended (TODAY is 2026-03-10). */
const recency = (ended: string) => 0.5 ** ((day('2026-03-10') - day(ended)) / DAY / 365.25 / 5);
const overlap = (from: string, to: string) => Math.min(1, (day(to) - day(from)) / DAY / 730);

describe('GET /api/paths on the battery world', () => {
  const world = useBatteryWorld();

  const paths = async (query: Record<string, string>) => {
    const res = await world.api.get('/api/paths').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return PathsResponseSchema.parse(res.body);
  };

  it('GET /api/paths joins former colleagues only where tenures overlapped, up to three links, ranked', async () => {
    // Quentin left the lab the day before Maria joined: no direct link. Katharina overlapped both;
    // Niklas co-wrote a 2019 paper with Quentin and has sat beside Katharina at Akkuwerk since 2025-03-10.
    const body = await paths({ from: 'tm-q', to: 'v-03', limit: '20' });
    expect(body.from).toEqual({ id: 'tm-q', name: 'Quentin' });
    expect(body.to).toEqual({ id: 'v-03', name: 'Maria' });
    expect(body.paths.map(people)).toEqual(['tm-q>v-01>v-03', 'tm-q>v-04>v-01>v-03']);

    const quentinKatharina = recency('2016-12-31') * overlap('2015-01-01', '2016-12-31');
    const katharinaMaria = recency('2017-06-30') * overlap('2017-01-01', '2017-06-30');
    const [viaLab, viaPaper] = body.paths as [WarmPath, WarmPath];
    expect(viaLab.hops).toBe(2);
    expect(viaLab.links[0]!.via).toEqual({
      kind: 'colleague',
      employer: { id: 'e-lab', name: 'Vienna Battery Lab' },
      overlapFrom: '2015-01-01',
      overlapTo: '2016-12-31',
      overlapMonths: 23,
    });
    expect(viaLab.links[0]!.score).toBeCloseTo(quentinKatharina, 3);
    expect(viaLab.links[1]!.strength).toBeCloseTo(180 / 730, 3);
    expect(viaLab.links[1]!.recency).toBeCloseTo(recency('2017-06-30'), 3);
    expect(viaLab.score).toBeCloseTo(quentinKatharina * katharinaMaria, 3);

    expect(viaPaper.hops).toBe(3);
    expect(viaPaper.links[0]!.via).toEqual({ kind: 'coauthor', publication: { id: 'pub-2', title: 'Paper pub-2', year: 2019 } });
    expect(viaPaper.links[0]!.recency).toBeCloseTo(recency('2019-12-31'), 3);
    expect(viaPaper.links[1]!.via).toMatchObject({ kind: 'colleague', employer: { id: 'e-akku' }, overlapFrom: '2025-03-10', overlapTo: '2026-03-10' });
    expect(viaPaper.links[1]!.strength).toBeCloseTo(365 / 730, 3);
    expect(viaPaper.score).toBeCloseTo(recency('2019-12-31') * 0.5 * katharinaMaria, 3);
  });

  it('GET /api/paths gives a co-author a direct, full-strength link aged by the paper’s year', async () => {
    const body = await paths({ from: 'tm-r', to: 'l-03', limit: '20' });
    expect(body.paths.map(people)).toEqual(['tm-r>l-03']);
    const [link] = body.paths[0]!.links;
    expect(link!.via).toEqual({ kind: 'coauthor', publication: { id: 'pub-1', title: 'Paper pub-1', year: 2024 } });
    expect(link!.strength).toBe(1);
    expect(body.paths[0]!.score).toBeCloseTo(recency('2024-12-31'), 3);
  });

  it('GET /api/paths ranks a direct colleague link among longer paths by score', async () => {
    // Rosa and Maria at ConsultCo since 2023 (full strength, still together) beat anything through a third person.
    const body = await paths({ from: 'tm-r', to: 'v-03', limit: '20' });
    expect(people(body.paths[0]!)).toBe('tm-r>v-03');
    expect(body.paths[0]!.score).toBe(1);
    expect(body.paths[0]!.links[0]!.via).toMatchObject({ kind: 'colleague', employer: { id: 'e-cons' }, overlapFrom: '2023-01-01', overlapTo: '2026-03-10' });
    for (const path of body.paths) expect(path.hops).toBeLessThanOrEqual(3);
    const scores = body.paths.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('GET /api/paths names both ends when one of them has no contact at all', async () => {
    expect(await paths({ from: 'tm-r', to: 'l-06' })).toEqual({ from: { id: 'tm-r', name: 'Rosa' }, to: { id: 'l-06', name: 'Fabien' }, paths: [] });
    expect(await paths({ from: 'tm-s', to: 'v-03' })).toEqual({ from: { id: 'tm-s', name: 'Sofia' }, to: { id: 'v-03', name: 'Maria' }, paths: [] });
  });
});
