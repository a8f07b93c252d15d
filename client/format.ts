import type { NodeKind, Segment, Seniority } from '../server/schemas/common.schema.ts';

/** Labels and number formats shared by the views; the API's ids stay ids. */

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export const formatCount = (n: number) => integer.format(n);
export const formatDecimal = (n: number) => oneDecimal.format(n);
export const formatPercent = (share: number) => `${integer.format(share * 100)}%`;
export const formatScore = (score: number) => score.toFixed(2);
export const formatKm = (km: number) => `${km < 10 ? oneDecimal.format(km) : integer.format(km)} km`;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function humanize(id: string): string {
  const text = id.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const segmentLabel = (segment: Segment | null | undefined) => (segment ? humanize(segment) : 'Unknown segment');
export const seniorityLabel = (seniority: Seniority | null | undefined) => (seniority ? humanize(seniority) : 'Unknown seniority');

const KIND_LABELS: Record<NodeKind, string> = {
  candidate: 'Candidate',
  employer: 'Employer',
  hub: 'Hub',
  sector: 'Sector',
  skill: 'Skill',
  publication: 'Publication',
  institution: 'Institution',
  country: 'Country',
  teamMember: 'Team member',
};
export const kindLabel = (kind: NodeKind) => KIND_LABELS[kind];

/** A salary figure in thousands with its currency: "€105k". */
export function formatMoneyK(amount: number, currency: string): string {
  const symbol = ({ EUR: '€', GBP: '£', USD: '$', CHF: 'CHF ' } as Record<string, string>)[currency] ?? `${currency} `;
  return `${symbol}${integer.format(amount / 1000)}k`;
}

/** "2019-03" from an ISO date; null stays "now". */
export const formatMonth = (iso: string | null) => (iso ? iso.slice(0, 7) : 'now');
