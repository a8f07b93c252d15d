import { describe, expect, it } from 'vitest';
import { MarketMapSchema, SearchDetailSchema, type SearchCreateInput } from '../../server/schemas/searches.schema.ts';
import { useBatteryWorld } from '../support/battery-world.ts';
import { expectError } from '../support/http.ts';

const DAY = 86_400_000;
const OPENED = Date.parse('2026-03-10T09:00:00Z');

const mandate: SearchCreateInput = {
  title: 'Senior battery engineer',
  client: 'StoreCo',
  hubs: ['lyon', 'vienna'],
  requiredSkills: ['bms'],
  seniority: ['senior', 'lead'],
  sectors: ['energy-storage', 'chemicals'],
  targetEmployers: ['e-volt', 'e-multi', 'e-akku', 'e-chem', 'e-moto', 'e-h2', 'e-poly', 'e-lab'],
  targetDays: 45,
};

describe('search routes on the battery world', () => {
  let now = new Date(OPENED);
  const at = (days: number) => {
    now = new Date(OPENED + days * DAY);
  };

  const world = useBatteryWorld(() => now);

  const move = async (searchId: string, candidateId: string, stage: string, status = 200) => {
    const res = await world.api.put(`/api/searches/${searchId}/candidates/${candidateId}`).send({ stage });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res;
  };

  it('GET /api/searches/:id/market-map groups by sector × hub, with stages, time in stage and each person counted once', async () => {
    at(0);
    const opened = await world.api.post('/api/searches').send(mandate);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = SearchDetailSchema.parse(opened.body).id;
    await move(id, 'l-05', 'identified');
    await move(id, 'l-02', 'identified');
    await move(id, 'v-01', 'identified');
    at(2);
    await move(id, 'l-02', 'contacted');
    at(3);
    await move(id, 'v-02', 'identified');
    at(4);
    await move(id, 'v-02', 'declined');
    at(5);
    await move(id, 'v-01', 'contacted');
    at(6);
    await move(id, 'v-01', 'replied');
    expectError(await move(id, 'l-02', 'identified', 409), 409, 'body.stage');
    at(10);

    const detail = SearchDetailSchema.parse((await world.api.get(`/api/searches/${id}`)).body);
    expect(detail.stageCounts).toMatchObject({ identified: 1, contacted: 1, replied: 1, declined: 1 });
    const entry = (candidateId: string) => detail.pipeline.find((e) => e.candidateId === candidateId)!;
    expect(entry('v-01').history.map((h) => [h.stage, h.days])).toEqual([
      ['identified', 5],
      ['contacted', 1],
      ['replied', 4],
    ]);
    expect(entry('v-01').daysInStage).toBe(4);
    expect(entry('l-02').history.map((h) => [h.stage, h.days])).toEqual([
      ['identified', 2],
      ['contacted', 8],
    ]);
    expect(entry('v-02')).toMatchObject({ stage: 'declined', daysInStage: 6 });
    expect(entry('l-05')).toMatchObject({ stage: 'identified', daysInStage: 10 });

    const res = await world.api.get(`/api/searches/${id}/market-map`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const map = MarketMapSchema.parse(res.body);
    // Motora and HydroGen are in none of the mandate's sectors: shown under their own. The lab has no sector.
    expect(map.cells.map((c) => `${c.sector.id}@${c.hub.id}:${c.employers.map((e) => `${e.id}=${e.people}/${e.inPipeline}`).join(',')}`)).toEqual([
      'automotive@lyon:e-moto=1/1',
      'automotive@vienna:e-moto=1/1',
      'chemicals@lyon:e-chem=1/0,e-multi=1/1',
      'chemicals@vienna:e-poly=0/0',
      'energy-storage@lyon:e-multi=1/1,e-volt=2/1',
      'energy-storage@vienna:e-akku=3/1',
      'hydrogen@lyon:e-h2=3/0',
    ]);
    expect(map.unplaced).toEqual([{ id: 'e-lab', name: 'Vienna Battery Lab' }]);
    const cell = (key: string) => map.cells.find((c) => `${c.sector.id}@${c.hub.id}` === key)!;
    expect(cell('energy-storage@vienna')).toMatchObject({ counts: { employers: 1, people: 3, inPipeline: 1, byStage: { replied: 1 } } });
    expect(cell('energy-storage@vienna').employers[0]!.candidates.map((c) => [c.id, c.stage, c.daysInStage])).toEqual([
      ['v-01', 'replied', 4],
      ['v-04', null, null],
      ['v-05', null, null],
    ]);
    expect(cell('automotive@vienna')).toMatchObject({ counts: { people: 1, inPipeline: 1, byStage: { declined: 1 } }, coverage: 1 });
    // Élodie works at VoltCell and, beside it, at ElectroChem Solutions: one person in the cell and in the totals.
    expect(cell('energy-storage@lyon')).toMatchObject({
      counts: { employers: 2, people: 2, inPipeline: 1, byStage: { identified: 1 } },
      coverage: 0.5,
    });
    expect(cell('chemicals@lyon')).toMatchObject({ counts: { employers: 2, people: 2, inPipeline: 1, byStage: { identified: 1 } }, coverage: 0.5 });
    expect(map.totals).toEqual({ employers: 7, people: 11, inPipeline: 4, coverage: 4 / 11 });
  });
});
