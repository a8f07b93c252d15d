import { describe, expect, it } from 'vitest';
import { FlowsResponseSchema } from '../../server/schemas/flows.schema.ts';
import { useBatteryWorld } from '../support/battery-world.ts';
import { candidate, employer, graphEdits } from '../support/graph-edits.ts';
import { date } from '../support/graph.ts';

/**
 * Moves on the battery world, counted by hand (a move: two consecutive jobs by start, dated by the second's):
 * Amélie Motora→VoltCell 2021-03-10 (the 60-month window's first day), Élodie Chimex→VoltCell 2023-01-01 and
 * VoltCell→ElectroChem Solutions 2024-06-01 (overlapping jobs), Bastien ConsultCo→Motora 2024-03-10 (the
 * 24-month window's first day), Olga Motora→Akkuwerk 2024-03-09 (the day before), Niklas PolyChem→Akkuwerk
 * 2025-03-10 (the 12-month window's first day; his PolyChem job has no end), Lukas ConsultCo→Motora 2017,
 * Chloé university→Chimex 2019, Katharina lab→Akkuwerk 2017, Maria Motora→lab 2017 and lab→ConsultCo 2019.
 */
describe('GET /api/flows on the battery world', () => {
  const world = useBatteryWorld();

  const flows = async (query: Record<string, string>) => {
    const res = await world.api.get('/api/flows').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return FlowsResponseSchema.parse(res.body);
  };
  const pairs = (body: { flows: { from: { id: string }; to: { id: string }; moves: number }[] }) => body.flows.map((f) => `${f.from.id}>${f.to.id}:${f.moves}`);

  it('GET /api/flows by sector over all time, 60, 24 and 12 months', async () => {
    const any = await flows({ by: 'sector' });
    expect(pairs(any)).toEqual(['automotive>energy-storage:2', 'chemicals>energy-storage:2', 'consulting>automotive:2', 'energy-storage>chemicals:1']);
    expect(any.totalMoves).toBe(7);

    const five = await flows({ by: 'sector', months: '60' });
    expect(five.since).toBe('2021-03-10');
    expect(pairs(five)).toEqual(['automotive>energy-storage:2', 'chemicals>energy-storage:2', 'consulting>automotive:1', 'energy-storage>chemicals:1']);

    const two = await flows({ by: 'sector', months: '24' });
    expect(two.since).toBe('2024-03-10');
    expect(pairs(two)).toEqual(['chemicals>energy-storage:1', 'consulting>automotive:1', 'energy-storage>chemicals:1']);

    const one = await flows({ by: 'sector', months: '12' });
    expect(one.since).toBe('2025-03-10');
    expect(pairs(one)).toEqual(['chemicals>energy-storage:1']);
    expect(one.totalMoves).toBe(1);
  });

  it('GET /api/flows by employer over all time, 60, 24 and 12 months', async () => {
    const any = await flows({ by: 'employer' });
    expect(pairs(any)).toEqual([
      'e-cons>e-moto:2',
      'e-chem>e-volt:1',
      'e-lab>e-akku:1',
      'e-lab>e-cons:1',
      'e-moto>e-akku:1',
      'e-moto>e-lab:1',
      'e-moto>e-volt:1',
      'e-poly>e-akku:1',
      'e-uni>e-chem:1',
      'e-volt>e-multi:1',
    ]);
    expect(any.totalMoves).toBe(11);
    expect(pairs(await flows({ by: 'employer', months: '60' }))).toEqual([
      'e-chem>e-volt:1',
      'e-cons>e-moto:1',
      'e-moto>e-akku:1',
      'e-moto>e-volt:1',
      'e-poly>e-akku:1',
      'e-volt>e-multi:1',
    ]);
    expect(pairs(await flows({ by: 'employer', months: '24' }))).toEqual(['e-cons>e-moto:1', 'e-poly>e-akku:1', 'e-volt>e-multi:1']);
    expect(pairs(await flows({ by: 'employer', months: '12' }))).toEqual(['e-poly>e-akku:1']);
  });

  it('GET /api/flows for one hub keeps the moves of the people based there', async () => {
    expect(pairs(await flows({ by: 'sector', hub: 'lyon' }))).toEqual([
      'automotive>energy-storage:1',
      'chemicals>energy-storage:1',
      'consulting>automotive:1',
      'energy-storage>chemicals:1',
    ]);
    expect(pairs(await flows({ by: 'sector', hub: 'vienna' }))).toEqual(['automotive>energy-storage:1', 'chemicals>energy-storage:1', 'consulting>automotive:1']);
    expect(pairs(await flows({ by: 'sector', hub: 'vienna', months: '24' }))).toEqual(['chemicals>energy-storage:1']);
    expect((await flows({ by: 'employer', hub: 'grenoble' })).totalMoves).toBe(0);
  });

  it('GET /api/flows does not count a move into a job that starts after today', async () => {
    // Damien has accepted VoltCell from 2026-04-01: ConsultCo → VoltCell has not happened yet.
    await graphEdits.link(world.db, candidate('l-04'), 'WORKS_AT', employer('e-volt'), { title: 'Cell Engineer', since: date('2026-04-01') });
    try {
      expect(pairs(await flows({ by: 'employer', months: '12' }))).toEqual(['e-poly>e-akku:1']);
      expect((await flows({ by: 'employer' })).totalMoves).toBe(11);
      expect(pairs(await flows({ by: 'sector', hub: 'lyon' }))).not.toContain('consulting>energy-storage:1');
    } finally {
      await graphEdits.unlink(world.db, candidate('l-04'), 'WORKS_AT', employer('e-volt'));
    }
  });
});
