import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../server/seed/generator.ts';
import { DEFAULT_WORLD_DIR, WorldError, loadWorld } from '../../server/seed/world.ts';

/** A copy of the demo world folder with one file rewritten by `edit`. */
function worldWith(file: string, edit: (json: any) => unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-world-'));
  cpSync(DEFAULT_WORLD_DIR, dir, { recursive: true });
  const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  writeFileSync(path.join(dir, file), JSON.stringify(edit(json) ?? json));
  return dir;
}

function loadError(dir: string): string {
  try {
    loadWorld(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(WorldError);
    return (error as Error).message;
  }
  throw new Error(`${dir} loaded without an error`);
}

describe('loadWorld', () => {
  it('loadWorld reads the demo world: the hubs of the domain brief with their countries and currencies', () => {
    const world = loadWorld();
    const hubs = new Map(world.hubs.map((h) => [h.name, h]));
    for (const name of ['Oxford', 'Cambridge', 'London', 'Munich', 'Berlin', 'Amsterdam', 'Nijmegen', 'Paris', 'Grenoble', 'Warsaw', 'Kraków', 'Prague', 'Budapest', 'Cluj-Napoca']) {
      expect(hubs.has(name), name).toBe(true);
    }
    expect(hubs.get('Munich')).toMatchObject({ countryCode: 'DE' });
    expect(hubs.get('Munich')!.latitude).toBeCloseTo(48.14, 1);
    const currencies = Object.fromEntries(world.countries.map((c) => [c.code, c.currency]));
    expect(currencies).toMatchObject({ GB: 'GBP', DE: 'EUR', NL: 'EUR', FR: 'EUR', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON' });
    expect(world.sectors.filter((s) => s.target).map((s) => s.id).sort()).toEqual(['digital-pathology', 'oncology-imaging', 'ophthalmology', 'radiology']);
    expect(world.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('loadWorld keeps the UK band in GBP and the EU band in EUR as the domain brief quotes them', () => {
    const { regions } = loadWorld().salaryBands;
    const uk = regions.find((r) => r.id === 'uk')!;
    const eu = regions.find((r) => r.id === 'eu')!;
    expect(uk).toMatchObject({ currency: 'GBP', base: { junior: { min: 45000, max: 65000 }, lead: { min: 125000, max: 175000, openEnded: true } } });
    expect(eu).toMatchObject({ currency: 'EUR', base: { mid: { min: 70000, max: 105000 } }, dayRate: { mid: { min: 450, max: 700 }, senior: { min: 700, max: 1000 } } });
    const east = regions.find((r) => r.id === 'eastern-europe')!;
    expect(east.base.senior.max).toBeLessThan(eu.base.senior.min);
  });

  it('loadWorld names carry the diacritics of their languages', () => {
    const names = Object.values(loadWorld().names.origins).flatMap((o) => [...o.first, ...o.last]).join(' ');
    for (const letter of ['ł', 'ö', 'é', 'ř', 'ș', 'ü', 'ñ']) expect(names, letter).toContain(letter);
  });

  it('loadWorld places outside the hubs lie beyond the default 100 km hub radius', () => {
    const world = loadWorld();
    for (const place of world.places) {
      const nearest = Math.min(...world.hubs.map((h) => distanceKm(place.latitude, place.longitude, h.latitude, h.longitude)));
      expect(nearest, place.name).toBeGreaterThan(100);
    }
  });

  it('loadWorld names the file and field of a value of the wrong type', () => {
    const dir = worldWith('hubs.json', (hubs) => {
      hubs[3].catchmentKm = 'far';
    });
    expect(loadError(dir)).toMatch(/hubs\.json: \[3\]\.catchmentKm: .*number/);
    rmSync(dir, { recursive: true });
  });

  it('loadWorld names the file and field of a reference to an unknown id', () => {
    const dir = worldWith('hubs.json', (hubs) => {
      hubs[2].countryCode = 'XX';
    });
    expect(loadError(dir)).toContain('hubs.json: [2].countryCode: "XX" is not in countries.json');
    rmSync(dir, { recursive: true });
  });

  it('loadWorld refuses a pivot into a sector that is not a target', () => {
    const dir = worldWith('sectors.json', (sectors) => {
      const automotive = sectors.find((s: { id: string }) => s.id === 'automotive');
      automotive.pivotsTo[0].sector = 'fintech';
    });
    expect(loadError(dir)).toMatch(/sectors\.json: \[\d+\]\.pivotsTo\[0\]\.sector: "fintech" is not a target sector/);
    rmSync(dir, { recursive: true });
  });

  it('loadWorld names a skill that points at a missing sector', () => {
    const dir = worldWith('skills.json', (skills) => {
      skills[0].sectors.push('space-mining');
    });
    expect(loadError(dir)).toMatch(/skills\.json: \[0\]\.sectors\[\d+\]: "space-mining" is not in sectors\.json/);
    rmSync(dir, { recursive: true });
  });

  it('loadWorld reports a missing file and a file that is not JSON by name', () => {
    const dir = worldWith('team.json', () => undefined);
    rmSync(path.join(dir, 'careers.json'));
    expect(loadError(dir)).toMatch(/careers\.json: missing/);
    writeFileSync(path.join(dir, 'careers.json'), '{ "titles": ');
    expect(loadError(dir)).toMatch(/careers\.json: not valid JSON/);
    rmSync(dir, { recursive: true });
  });

  it('loadWorld refuses segment shares that do not add up to 1', () => {
    const dir = worldWith('world.json', (info) => {
      info.population.segmentMix.other = 0.5;
    });
    expect(loadError(dir)).toMatch(/world\.json: population\.segmentMix: shares must add up to 1/);
    rmSync(dir, { recursive: true });
  });
});
