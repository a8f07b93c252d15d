import type { HubSummary, PoolCandidate } from '../../server/schemas/pool.schema.ts';

/** Fixed data for the chart tests: hubs and pool rows as the API returns them. */

export const hub = (id: string, name: string, latitude: number, longitude: number, counts: Partial<HubSummary['counts']> & { total: number }): HubSummary => ({
  id,
  name,
  countryCode: 'DE',
  countryName: 'Germany',
  location: { latitude, longitude },
  catchmentKm: 50,
  counts: {
    segments: counts.segments ?? { 'target-sector': 0, 'adjacent-sector': counts.total, academic: 0, other: 0 },
    passive: counts.passive ?? 0,
    active: counts.active ?? counts.total - (counts.passive ?? 0),
    total: counts.total,
  },
});

export const HUBS: HubSummary[] = [
  hub('munich', 'Munich', 48.1351, 11.582, {
    total: 200,
    passive: 150,
    active: 50,
    segments: { 'target-sector': 20, 'adjacent-sector': 100, academic: 30, other: 50 },
  }),
  hub('berlin', 'Berlin', 52.52, 13.405, { total: 50, passive: 10, active: 40, segments: { 'target-sector': 0, 'adjacent-sector': 50, academic: 0, other: 0 } }),
  hub('nijmegen', 'Nijmegen', 51.8126, 5.8372, { total: 0 }),
  { ...hub('remote', 'Remote', 0, 0, { total: 5 }), location: null },
];

const term = (value: number, weight: number, total = 1) => ({ value, weight, contribution: (value * weight) / total });

export const POOL_ITEMS: PoolCandidate[] = [
  {
    id: 'c-1',
    name: 'Ada Lovelace',
    seniority: 'senior',
    segment: 'target-sector',
    passive: true,
    openToWork: false,
    location: { latitude: 48.1, longitude: 11.5 },
    basedInHub: true,
    currentRole: { employerId: 'e-rad', employerName: 'RadAI', title: 'ML Engineer', since: '2022-01-01' },
    score: {
      total: 0.85,
      terms: {
        skills: {
          ...term(0.75, 0.35),
          required: ['pytorch', 'dicom'],
          matched: [{ skillId: 'pytorch', name: 'PyTorch', evidence: ['job', 'self'], credit: 1 }],
          missing: ['dicom'],
        },
        sector: {
          ...term(1, 0.25),
          kind: 'target',
          employerId: 'e-rad',
          employerName: 'RadAI',
          sectorId: 'radiology',
          sectorName: 'Radiology AI',
          targetSectorId: 'radiology',
        },
        seniority: { ...term(1, 0.15), seniority: 'senior', target: ['senior', 'lead'] },
        distance: { ...term(0.5, 0.1), distanceKm: 25, scaleKm: 50 },
        movability: { ...term(0.8, 0.15), yearsInRole: 4.2, passive: true, openToWork: false },
      },
    },
    noticeDue: true,
    noticeOverdue: true,
    noticeDueBy: '2026-01-31',
  },
  {
    id: 'c-2',
    name: null,
    seniority: null,
    segment: 'adjacent-sector',
    passive: false,
    openToWork: true,
    location: null,
    basedInHub: false,
    currentRole: null,
    score: {
      total: 0.3,
      terms: {
        skills: { ...term(0, 0.35), required: ['pytorch', 'dicom'], matched: [], missing: ['pytorch', 'dicom'] },
        sector: {
          ...term(0.6, 0.25),
          kind: 'adjacent',
          employerId: 'e-auto',
          employerName: 'AutoDrive',
          sectorId: 'automotive',
          sectorName: 'Automotive',
          targetSectorId: 'radiology',
        },
        seniority: { ...term(0, 0.15), seniority: null, target: ['senior', 'lead'] },
        distance: { ...term(0, 0.1), distanceKm: null, scaleKm: 50 },
        movability: { ...term(1, 0.15), yearsInRole: null, passive: false, openToWork: true },
      },
    },
    noticeDue: false,
    noticeOverdue: false,
    noticeDueBy: null,
  },
];
