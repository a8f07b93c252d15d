import { describe, expect, it } from 'vitest';
import { NeighbourhoodResponseSchema } from '../../server/schemas/graph.schema.ts';
import { useBatteryWorld } from '../support/battery-world.ts';

describe('GET /api/graph/neighbourhood on the battery world', () => {
  const world = useBatteryWorld();

  const get = async (query: Record<string, string>) => {
    const res = await world.api.get('/api/graph/neighbourhood').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return NeighbourhoodResponseSchema.parse(res.body);
  };
  const keys = (body: { nodes: { key: string }[] }) => body.nodes.map((n) => n.key).sort();

  it('GET /api/graph/neighbourhood gives an employer its sector, sites and people, present and past', async () => {
    const body = await get({ id: 'e-moto' });
    expect(body.truncated).toBe(false);
    expect(keys(body)).toEqual(
      [
        'employer:e-moto',
        'sector:automotive',
        'hub:lyon',
        'hub:vienna',
        'candidate:l-02',
        'candidate:v-02',
        'candidate:l-01',
        'candidate:v-03',
        'candidate:v-05',
      ].sort(),
    );
    expect(body.links).toHaveLength(8);

    // Room for two neighbours: types take turns (sector, then a site), and the cut is said.
    const small = await get({ id: 'e-moto', limit: '3' });
    expect(small.truncated).toBe(true);
    expect(small.nodes).toHaveLength(3);
    expect(small.nodes.map((n) => n.key)).toContain('sector:automotive');
    expect(small.nodes.some((n) => n.key.startsWith('hub:'))).toBe(true);
  });

  it('GET /api/graph/neighbourhood at depth 2 reaches every second-hop node when there is room, and says when there is not', async () => {
    const full = await get({ id: 'hydrogen', kind: 'sector', depth: '2' });
    expect(full.truncated).toBe(false);
    expect(keys(full)).toEqual(
      [
        'sector:hydrogen',
        'employer:e-h2',
        'sector:automotive',
        'sector:chemicals',
        'publication:pub-3',
        'hub:grenoble',
        'hub:lyon',
        'candidate:l-07',
        'candidate:l-08',
        'candidate:l-09',
        'candidate:g-01',
        'candidate:l-06',
        'employer:e-moto',
        'employer:e-chem',
        'employer:e-multi',
        'employer:e-poly',
        'sector:energy-storage',
      ].sort(),
    );
    expect(full.links.map((l) => `${l.source}|${l.type}|${l.target}`)).toContain('sector:chemicals|PIVOTS_TO|sector:hydrogen');

    const capped = await get({ id: 'hydrogen', kind: 'sector', depth: '2', limit: '10' });
    expect(capped.truncated).toBe(true);
    expect(capped.nodes.length).toBeLessThanOrEqual(10);
    expect(capped.caps).toEqual({ firstHop: 4, perNode: 1, total: 10 });
    // Room is shared out per first-hop node (3 each at 17): HydroGen's six are cut, and that is said.
    const shared = await get({ id: 'hydrogen', kind: 'sector', depth: '2', limit: '17' });
    expect(shared.caps.perNode).toBe(3);
    expect(shared.truncated).toBe(true);
    expect(shared.nodes.length).toBeLessThanOrEqual(17);
  });
});
