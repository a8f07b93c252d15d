import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { IMPORT_FIELDS } from '../import/row-schema.ts';

/**
 * A deterministic candidate file in the import format, for the import
 * benchmark and the interrupted-import test: the same seed gives the same
 * bytes. Locations, employer spellings (legal suffixes), skills and dates vary
 * as in real exports; every row is valid.
 */

/** mulberry32: a small seeded generator, enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOCATIONS = [
  'Oxford, UK', 'Greater Oxford Area', 'Cambridge, England, United Kingdom', 'London', 'London Area, United Kingdom',
  'München', 'Munich, Bavaria, Germany', 'Berlin', 'Berlin, DE', 'Amsterdam, North Holland, Netherlands', 'Nijmegen, NL',
  'Eindhoven, NL', 'Paris, France', 'Greater Paris Metropolitan Region', 'Grenoble', 'Warszawa', 'Kraków, Poland', 'Krakow',
  'Prague', 'Budapest', 'Cluj-Napoca', 'Zürich', 'Delft', 'Utrecht', 'Heidelberg', 'Leuven', 'Remote', 'Europe',
];
const FIRST = ['Anna', 'Jörg', 'Zoë', 'Łukasz', 'Marie', 'Sébastien', 'Ingrid', 'Pieter', 'Ana', 'Björn', 'Chloé', 'Dávid', 'Eva', 'Tomasz', 'Noor', 'Omar'];
const LAST = ['Müller', 'Nowak', "O'Brien", 'van der Berg', 'Dubois', 'Kovács', 'Rossi', 'Jansen', 'Lefèvre', 'Schmidt', 'Popescu', 'García', 'Novák', 'Smith'];
const STEMS = ['Vision', 'Medi', 'Radio', 'Patho', 'Retina', 'Onco', 'Deep', 'Auto', 'Robo', 'Insight', 'Scan', 'Pixel', 'Neuro', 'Cardio', 'Quant'];
const TAILS = ['logic', 'tech', 'lab', 'works', 'AI', 'systems', 'metrics', 'sense', 'wave', 'mind'];
const SUFFIXES = ['GmbH', 'B.V.', 'Ltd', 'SAS', 'AG', 'Sp. z o.o.', 'Inc.', '', 'BV', 'Limited'];
const TITLES = ['ML Engineer', 'Computer Vision Engineer', 'Research Scientist', 'Senior CV Engineer', 'Staff Engineer', 'PhD Researcher', 'Lead ML Engineer'];
const SKILLS = [
  'PyTorch', 'TensorFlow', 'MONAI', 'SimpleITK', 'NiBabel', 'OpenCV', 'DICOM', 'HL7', 'FHIR', 'U-Net', 'Segmentation', 'Detection',
  '3D CNNs', 'Self-supervised learning', 'Anomaly detection', 'Uncertainty estimation', 'Experiment tracking', 'EU MDR', 'FDA 510(k)',
  'Reader studies', 'PACS integration', 'Whole-slide imaging', 'OCT', 'Transformers', 'Docker', 'Kubernetes', 'C++', 'Python', 'CUDA', 'ONNX',
];
const SOURCES = ['linkedin', 'referral', 'github', 'conference', 'scholar'];
const BASES = ['legitimate interest', 'consent', 'legitimate-interest'];

function month(random: () => number, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(random() * (toYear - fromYear + 1));
  return `${y}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
}

export function candidateRow(i: number, random: () => number): Record<string, string> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const employer = () => `${pick(STEMS)}${pick(TAILS)} ${Math.floor(random() * 20)} ${pick(SUFFIXES)}`.trim();
  const first = pick(FIRST);
  const last = pick(LAST);
  const years = Math.floor(random() * 20);
  const jobs: string[] = [];
  let year = 2024 - years;
  for (let j = 0, n = Math.floor(random() * 4); j < n && year < 2022; j++) {
    const from = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
    year += 1 + Math.floor(random() * 3);
    jobs.push(`${employer()}|${pick(TITLES)}|${from}|${Math.min(year, 2023)}-06`);
  }
  const skills = new Set<string>();
  for (let k = 0, n = 2 + Math.floor(random() * 7); k < n; k++) skills.add(pick(SKILLS));
  const handle = `${first}-${last}-${i}`.toLowerCase().normalize('NFKD').replace(/[^a-z0-9-]+/g, '');
  const current = random() < 0.9 ? employer() : '';
  return {
    name: `${first} ${last}`,
    email: `${handle}@example.org`,
    profile_url: random() < 0.7 ? `https://www.linkedin.com/in/${handle}/?utm_source=export` : '',
    location: pick(LOCATIONS),
    current_employer: current,
    current_title: current ? pick(TITLES) : '',
    current_since: current ? month(random, 2021, 2024) : '',
    previous_jobs: jobs.join('; '),
    skills: [...skills].join('; '),
    seniority: '',
    years_experience: String(years),
    open_to_work: random() < 0.2 ? 'yes' : 'no',
    source: pick(SOURCES),
    lawful_basis: pick(BASES),
    obtained_at: '',
  };
}

/** Writes `count` candidates (rows `from`…) to a CSV file; resolves when it is on disk. */
export async function writeCandidateCsv(file: string, count: number, { seed = 7, delimiter = ',' }: { seed?: number; delimiter?: string } = {}): Promise<void> {
  const random = seededRandom(seed);
  const out = createWriteStream(file);
  out.write(stringify([IMPORT_FIELDS as unknown as string[]], { delimiter }));
  for (let start = 0; start < count; start += 1000) {
    const rows: string[][] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const row = candidateRow(i, random);
      rows.push(IMPORT_FIELDS.map((f) => row[f] ?? ''));
    }
    if (!out.write(stringify(rows, { delimiter }))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
