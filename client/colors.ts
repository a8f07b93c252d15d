import type { NodeKind, Segment } from '../server/schemas/common.schema.ts';
import type { Stage } from '../server/schemas/searches.schema.ts';

/**
 * One palette for every view, so a segment or a node kind has the same colour
 * on the map, in the pool bars, the graph and the legends. Okabe–Ito hues
 * (distinguishable with the common colour-vision deficiencies), darkened where
 * they carry text on white.
 */

export const SEGMENT_COLORS: Record<Segment, string> = {
  'target-sector': '#007a5a',
  'adjacent-sector': '#0067a5',
  academic: '#c2530a',
  other: '#7a7f87',
};

/** Colour of a node by kind; candidates take their segment's colour instead. */
export const KIND_COLORS: Record<NodeKind, string> = {
  candidate: '#7a7f87',
  hub: '#6a3d9a',
  employer: '#27303f',
  sector: '#d99100',
  skill: '#3fa7df',
  publication: '#c75f9a',
  institution: '#8c6d31',
  country: '#b0b4ba',
  teamMember: '#000000',
};

/** The five score terms, in the order the bars stack them. */
export const TERM_COLORS = {
  skills: '#0067a5',
  sector: '#007a5a',
  seniority: '#6a3d9a',
  distance: '#d99100',
  movability: '#c75f9a',
} as const;

export const STAGE_COLORS: Record<Stage, string> = {
  identified: '#9aa3ad',
  contacted: '#6b9bc3',
  replied: '#3f7fb4',
  screening: '#2a65a0',
  assessment: '#1d4f86',
  offer: '#6a3d9a',
  placed: '#007a5a',
  declined: '#b23b3b',
  'off-limits': '#3b3b3b',
};

export const PASSIVE_COLOR = '#1c2430';
export const ACTIVE_COLOR = '#d5d9de';

export function nodeColor(kind: NodeKind, segment: unknown): string {
  if (kind === 'candidate' && typeof segment === 'string' && segment in SEGMENT_COLORS) return SEGMENT_COLORS[segment as Segment];
  return KIND_COLORS[kind];
}
