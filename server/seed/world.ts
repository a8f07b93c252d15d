import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config.ts';
import { SEGMENTS, SENIORITIES, SegmentSchema, SenioritySchema } from '../schemas/common.schema.ts';

/**
 * A world folder: the facts a search team works with (hubs, sectors, skills,
 * pay) and what the demo generator draws names, titles and papers from.
 * `fixtures/world/` is the demo world; a team sourcing another niche supplies
 * a folder with the same files. Every file is checked on load, and an error
 * names the file and the field.
 */

export const DEFAULT_WORLD_DIR = path.join(PROJECT_ROOT, 'fixtures', 'world');

export class WorldError extends Error {
  override name = 'WorldError';
}

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id (letters, digits, "-")');
const Text = z.string().trim().min(1, 'must not be empty');
const TextList = z.array(Text).min(1, 'must list at least one entry');
const Share = z.number().min(0).max(1);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const WorldInfoSchema = z.strictObject({
  name: Id,
  title: Text,
  /** "Today" for the generated careers, fixed so that the same seed gives the same world on any day. */
  referenceDate: IsoDate,
  emailDomains: TextList,
  profileBaseUrl: z.url().refine((u) => u.endsWith('/'), 'must end with "/"'),
  population: z.strictObject({
    segmentMix: z.strictObject(Object.fromEntries(SEGMENTS.map((s) => [s, Share])) as Record<(typeof SEGMENTS)[number], typeof Share>),
    passiveShare: Share,
    outsideHubsShare: Share,
    /** Of those outside every hub, the share with no location at all. */
    remoteShare: Share,
    emailShare: Share,
    profileShare: Share,
  }),
});

const CountrySchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "DE"'),
  name: Text,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"'),
  payRegion: Id,
  legalSuffixes: TextList,
});

const HubSchema = z.strictObject({
  id: Id,
  name: Text,
  /** The name in the local language, where research institutions use it ("München"). */
  localName: Text.optional(),
  countryCode: z.string(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  catchmentKm: z.number().positive().max(500),
  /** Relative share of the talent pool living around this hub. */
  talentWeight: z.number().positive(),
  research: z.strictObject({
    universities: z.number().int().min(0).max(10),
    institutes: z.number().int().min(0).max(10),
    hospitals: z.number().int().min(0).max(10),
  }),
  /** Multipliers on a sector's employer share at this hub (Munich: automotive × 3). */
  sectorEmphasis: z.record(z.string(), z.number().positive()).default({}),
});

const PlaceSchema = z.strictObject({
  name: Text,
  country: Text,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const EMPLOYER_KINDS = ['company', 'university', 'institute', 'hospital'] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

const SectorSchema = z.strictObject({
  id: Id,
  name: Text,
  target: z.boolean(),
  group: Text,
  employerKind: z.enum(EMPLOYER_KINDS),
  /** Relative number of companies in this sector (0 for the research and care kinds). */
  employerShare: z.number().min(0),
  pivotsTo: z.array(z.strictObject({ sector: z.string(), weight: z.number().min(0).max(1) })).default([]),
});

const SkillSchema = z.strictObject({
  id: Id,
  name: Text,
  group: Text,
  /** Sector ids where the skill is typical; "*" for every sector. */
  sectors: z.array(z.string()).min(1),
  segments: z.array(SegmentSchema),
  /** Below this level the skill is uncommon. */
  seniority: SenioritySchema.optional(),
});

const Band = z
  .strictObject({ min: z.number().positive(), max: z.number().positive(), openEnded: z.boolean().optional() })
  .refine((b) => b.min <= b.max, { message: 'min must not exceed max', path: ['min'] });

const SalaryBandsSchema = z.strictObject({
  source: Text,
  levels: z
    .array(z.strictObject({ id: SenioritySchema, label: Text, minYears: z.number().min(0) }))
    .refine((levels) => levels.map((l) => l.id).join() === SENIORITIES.join(), `must list ${SENIORITIES.join(', ')} in that order`)
    .refine((levels) => levels.every((l, i) => i === 0 || l.minYears > levels[i - 1]!.minYears), 'minYears must increase level by level'),
  regions: z
    .array(
      z.strictObject({
        id: Id,
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"'),
        basis: Text,
        base: z.strictObject({ junior: Band, mid: Band, senior: Band, lead: Band }),
        dayRate: z.partialRecord(SenioritySchema, Band),
      }),
    )
    .min(1),
});

const NamesSchema = z.strictObject({
  /** Share of the people around a hub whose names come from the hub's own country. */
  localShare: Share,
  origins: z.record(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter code'), z.strictObject({ first: TextList, last: TextList })),
});

const LevelTitles = z.strictObject({ junior: TextList, mid: TextList, senior: TextList, lead: TextList });

const CareersSchema = z.strictObject({
  titles: z.strictObject({
    company: z.strictObject({ default: LevelTitles, bySector: z.record(z.string(), LevelTitles.partial()).default({}) }),
    university: LevelTitles,
    institute: LevelTitles,
    hospital: LevelTitles,
    /** The title of a team member's honorary post at a university. */
    visiting: Text,
  }),
  degrees: z.strictObject({ master: TextList, doctorate: Text }),
  studyFields: z.strictObject({ target: TextList, adjacent: TextList, research: TextList, other: TextList }),
});

const PublicationsSchema = z.strictObject({
  /** Title patterns with {method}/{Method} and {task}/{Task} (capitalised variants start the title). */
  patterns: TextList,
  methods: TextList,
  fields: z.record(z.string(), z.strictObject({ tasks: TextList, venues: TextList })),
});

const ResearchNames = z.strictObject({ university: TextList, institute: TextList, hospital: TextList });

const EmployerNamesSchema = z.strictObject({
  brandStarts: TextList,
  brandEnds: TextList,
  descriptors: z.record(z.string(), TextList).refine((d) => 'default' in d, 'must have a "default" list'),
  /** Per country code; {hub} is the hub's name, {local} its local name. */
  research: z.record(z.string(), ResearchNames),
});

export const TEAM_BACKGROUNDS = ['target', 'adjacent', 'research', 'other'] as const;

const TeamSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id'),
    name: Text,
    email: z.email().optional(),
    hubId: z.string(),
    /** Where the member's own career was: shapes the employers and papers they share with candidates. */
    background: z.enum(TEAM_BACKGROUNDS),
  }),
);

const FILES = {
  info: ['world.json', WorldInfoSchema],
  countries: ['countries.json', z.array(CountrySchema).min(1)],
  hubs: ['hubs.json', z.array(HubSchema).min(1)],
  places: ['places.json', z.array(PlaceSchema)],
  sectors: ['sectors.json', z.array(SectorSchema).min(1)],
  skills: ['skills.json', z.array(SkillSchema).min(1)],
  salaryBands: ['salary-bands.json', SalaryBandsSchema],
  names: ['names.json', NamesSchema],
  careers: ['careers.json', CareersSchema],
  publications: ['publications.json', PublicationsSchema],
  employerNames: ['employer-names.json', EmployerNamesSchema],
  team: ['team.json', TeamSchema],
} as const;

type Files = typeof FILES;
export type World = { [K in keyof Files]: z.output<Files[K][1]> } & {
  /** Folder the world was read from. */
  dir: string;
  /** Hash of every file's content: a changed fixture is a different world. */
  fingerprint: string;
};
export type Country = World['countries'][number];
export type Hub = World['hubs'][number];
export type Place = World['places'][number];
export type Sector = World['sectors'][number];
export type Skill = World['skills'][number];
export type TeamMemberSpec = World['team'][number];
export type SalaryBands = World['salaryBands'];
export const WORLD_FILE_NAMES = Object.values(FILES).map(([file]) => file);

/** Reads and checks a world folder; throws WorldError naming the file and field at fault. */
export function loadWorld(dir: string = DEFAULT_WORLD_DIR): World {
  const hash = createHash('sha256');
  const parsed: Record<string, unknown> = {};
  for (const [key, [file, schema]] of Object.entries(FILES)) {
    const where = displayPath(path.join(dir, file));
    let text: string;
    try {
      text = readFileSync(path.join(dir, file), 'utf8');
    } catch {
      throw new WorldError(`${where}: missing (a world folder holds ${WORLD_FILE_NAMES.join(', ')})`);
    }
    hash.update(file).update('\0').update(text).update('\0');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new WorldError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    const result = (schema as z.ZodType).safeParse(json);
    if (!result.success) {
      const lines = result.error.issues.slice(0, 5).map((issue) => `${where}: ${fieldPath(issue.path)}: ${issue.message}`);
      throw new WorldError(lines.join('\n'));
    }
    parsed[key] = result.data;
  }
  const world = { ...(parsed as Omit<World, 'dir' | 'fingerprint'>), dir, fingerprint: hash.digest('hex').slice(0, 16) };
  checkReferences(world);
  return world;
}

function displayPath(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function fieldPath(parts: readonly PropertyKey[]): string {
  if (parts.length === 0) return '(top level)';
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** Checks between files: every id one file names must exist in the file that defines it. */
function checkReferences(world: Omit<World, 'dir'> & { dir: string }): void {
  const problems: string[] = [];
  const at = (file: string, field: string, message: string) => problems.push(`${displayPath(path.join(world.dir, file))}: ${field}: ${message}`);
  const unique = (file: string, ids: string[], field: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) at(file, `[${i}].${field}`, `"${id}" appears twice`);
      seen.add(id);
    });
  };

  const countries = new Map(world.countries.map((c) => [c.code, c]));
  const sectors = new Map(world.sectors.map((s) => [s.id, s]));
  const hubs = new Map(world.hubs.map((h) => [h.id, h]));
  unique('countries.json', world.countries.map((c) => c.code), 'code');
  unique('hubs.json', world.hubs.map((h) => h.id), 'id');
  unique('sectors.json', world.sectors.map((s) => s.id), 'id');
  unique('skills.json', world.skills.map((s) => s.id), 'id');
  unique('team.json', world.team.map((t) => t.id), 'id');

  world.hubs.forEach((hub, i) => {
    if (!countries.has(hub.countryCode)) at('hubs.json', `[${i}].countryCode`, `"${hub.countryCode}" is not in countries.json`);
    for (const sector of Object.keys(hub.sectorEmphasis)) {
      if (!sectors.has(sector)) at('hubs.json', `[${i}].sectorEmphasis.${sector}`, `"${sector}" is not in sectors.json`);
    }
    const r = hub.research;
    if (r.universities + r.institutes + r.hospitals > 0 && !world.employerNames.research[hub.countryCode]) {
      at('employer-names.json', `research.${hub.countryCode}`, `missing: hub "${hub.id}" has research employers in ${hub.countryCode}`);
    }
  });
  if (!world.hubs.some((h) => h.research.universities > 0)) at('hubs.json', 'research.universities', 'at least one hub needs a university');

  world.sectors.forEach((sector, i) => {
    sector.pivotsTo.forEach((pivot, j) => {
      const to = sectors.get(pivot.sector);
      if (!to) at('sectors.json', `[${i}].pivotsTo[${j}].sector`, `"${pivot.sector}" is not in sectors.json`);
      else if (!to.target) at('sectors.json', `[${i}].pivotsTo[${j}].sector`, `"${pivot.sector}" is not a target sector`);
    });
    if (sector.target && sector.pivotsTo.length > 0) at('sectors.json', `[${i}].pivotsTo`, 'a target sector does not pivot');
    if (sector.employerKind !== 'company' && (sector.target || sector.pivotsTo.length > 0)) {
      at('sectors.json', `[${i}].employerKind`, `the ${sector.employerKind} sector must be neither a target nor pivot to one (its people are placed by their papers)`);
    }
  });
  for (const kind of EMPLOYER_KINDS.filter((k) => k !== 'company')) {
    const count = world.sectors.filter((s) => s.employerKind === kind).length;
    if (count !== 1) at('sectors.json', 'employerKind', `exactly one sector must have employerKind "${kind}" (found ${count})`);
  }
  const companySectors = world.sectors.filter((s) => s.employerKind === 'company' && s.employerShare > 0);
  const classes = { target: companySectors.some((s) => s.target), adjacent: companySectors.some((s) => s.pivotsTo.length > 0), other: companySectors.some((s) => !s.target && s.pivotsTo.length === 0) };
  for (const [cls, present] of Object.entries(classes)) {
    if (!present) at('sectors.json', 'employerShare', `no ${cls} company sector has an employerShare above 0`);
  }

  world.skills.forEach((skill, i) => {
    skill.sectors.forEach((sector, j) => {
      if (sector !== '*' && !sectors.has(sector)) at('skills.json', `[${i}].sectors[${j}]`, `"${sector}" is not in sectors.json`);
    });
  });

  const regions = new Set(world.salaryBands.regions.map((r) => r.id));
  world.countries.forEach((country, i) => {
    if (!regions.has(country.payRegion)) at('countries.json', `[${i}].payRegion`, `"${country.payRegion}" has no region in salary-bands.json`);
  });

  for (const sector of Object.keys(world.careers.titles.company.bySector)) {
    if (!sectors.has(sector)) at('careers.json', `titles.company.bySector.${sector}`, `"${sector}" is not in sectors.json`);
  }
  for (const sector of Object.keys(world.publications.fields)) {
    if (!sectors.has(sector)) at('publications.json', `fields.${sector}`, `"${sector}" is not in sectors.json`);
  }
  const fields = Object.keys(world.publications.fields).map((id) => sectors.get(id));
  if (!fields.some((s) => s?.target)) at('publications.json', 'fields', 'no target sector has publication fields');
  if (!fields.some((s) => s && !s.target && s.pivotsTo.length > 0)) at('publications.json', 'fields', 'no adjacent sector has publication fields');
  for (const key of Object.keys(world.employerNames.descriptors)) {
    if (key !== 'default' && !sectors.has(key)) at('employer-names.json', `descriptors.${key}`, `"${key}" is not in sectors.json`);
  }
  world.team.forEach((member, i) => {
    if (!hubs.has(member.hubId)) at('team.json', `[${i}].hubId`, `"${member.hubId}" is not in hubs.json`);
  });
  const mix = Object.values(world.info.population.segmentMix).reduce((a, b) => a + b, 0);
  if (Math.abs(mix - 1) > 0.001) at('world.json', 'population.segmentMix', `shares must add up to 1 (they add up to ${mix.toFixed(3)})`);
  if (Object.keys(world.names.origins).length === 0) at('names.json', 'origins', 'must name at least one origin');

  if (problems.length > 0) throw new WorldError(problems.slice(0, 10).join('\n'));
}
