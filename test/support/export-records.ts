import type { ExportRecord } from '../../server/schemas/lists.schema.ts';

/** Names and titles that break naive CSV and spreadsheet writers. */
export const TRICKY_NAMES = [
  'Zoë Ødegård-Łukasiewicz',
  'Jean "JJ" Dupont',
  'Smith, John',
  'Line one\nline two',
  'Ünïcödé 日本語 🚀',
  "O'Brien; Siobhán",
] as const;

/** Text a spreadsheet could run as a formula, each with the neutralised form it must come back as. */
export const FORMULA_LIKE = [
  ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
  ['+44 20 7946 0000', "'+44 20 7946 0000"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
  ['\tcmd', "'\tcmd"],
  ['\rcmd', "'\rcmd"],
] as const;

export function record(overrides: Partial<ExportRecord>): ExportRecord {
  return {
    change: 'new',
    rank: 1,
    previousRank: null,
    id: 'c1',
    name: 'Ada',
    title: 'ML Engineer',
    employer: 'RadAI',
    sector: 'Radiology AI',
    hub: 'Oxford',
    segment: 'target-sector',
    seniority: 'senior',
    score: 0.812345,
    skillsFit: 1,
    sectorFit: 1,
    seniorityFit: 1,
    distanceFit: 0.5,
    movabilityFit: 0.25,
    stage: null,
    previousStage: null,
    dropReason: null,
    dropDetail: null,
    profileUrl: 'https://profiles.example/ada',
    ...overrides,
  };
}

/** Records whose names and titles are the tricky and formula-like strings, ranked 1…n. */
export function trickyRecords(): ExportRecord[] {
  const names = [...TRICKY_NAMES, ...FORMULA_LIKE.map(([raw]) => raw)];
  return names.map((name, i) => record({ rank: i + 1, id: `c${i + 1}`, name, title: i % 2 === 0 ? '=1+1' : 'Staff, "Imaging"' }));
}

export async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
