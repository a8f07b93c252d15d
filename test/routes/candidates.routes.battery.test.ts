import { describe, expect, it } from 'vitest';
import { PivotResponseSchema } from '../../server/schemas/candidates.schema.ts';
import { useBatteryWorld } from '../support/battery-world.ts';

describe('GET /api/candidates/:id/pivot on the battery world', () => {
  const world = useBatteryWorld();

  const pivot = async (id: string) => {
    const res = await world.api.get(`/api/candidates/${id}/pivot`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return PivotResponseSchema.parse(res.body);
  };

  it('GET /api/candidates/:id/pivot gives an automotive engineer the movers, former colleagues and feeders into each target', async () => {
    const body = await pivot('v-02');
    expect(body.candidate).toEqual({ id: 'v-02', name: 'Lukas', segment: 'adjacent-sector' });
    // ConsultCo's sector pivots nowhere; Motora's does, into both targets.
    expect(body.pivots.map((p) => `${p.from.id}>${p.to.id}:${p.weight}`)).toEqual(['automotive>energy-storage:0.7', 'automotive>hydrogen:0.4']);
    const [storage, hydrogen] = body.pivots;
    expect(storage!.via).toEqual([{ id: 'e-moto', name: 'Motora' }]);
    // Amélie (Motora → VoltCell) and Olga (Motora → Akkuwerk) made the move; both hold BMS, as Lukas does.
    expect(storage!.sharedSkills.map((s) => [s.skill.id, s.movers])).toEqual([['bms', 2]]);
    expect(storage!.sharedSkills[0]!.path.nodes.map((n) => n.key).sort()).toEqual(
      ['candidate:v-02', 'skill:bms', 'candidate:l-01', 'employer:e-moto', 'employer:e-volt', 'sector:automotive', 'sector:energy-storage'].sort(),
    );
    // Both overlapped with him at Motora; Maria left Motora before he came and made no such move.
    expect(storage!.formerColleagues.map((c) => [c.colleague.id, c.employer.id, c.movedTo.id])).toEqual([
      ['v-05', 'e-moto', 'e-akku'],
      ['l-01', 'e-moto', 'e-volt'],
    ]);
    expect(storage!.feederEmployers.map((f) => [f.employer.id, f.movers])).toEqual([['e-moto', 2]]);
    expect(hydrogen).toMatchObject({ sharedSkills: [], formerColleagues: [], feederEmployers: [] });
  });

  it('GET /api/candidates/:id/pivot does not count a colleague whose tenure ended the day before the candidate’s began', async () => {
    // Olga left Motora on 2024-03-09; Bastien joined on 2024-03-10. Lukas overlaps him but never moved.
    const [storage] = (await pivot('l-02')).pivots;
    expect(storage!.formerColleagues).toEqual([]);
    expect(storage!.sharedSkills.map((s) => [s.skill.id, s.movers])).toEqual([['bms', 2]]);
    expect(storage!.feederEmployers.map((f) => [f.employer.id, f.movers])).toEqual([['e-moto', 2]]);
  });
});
