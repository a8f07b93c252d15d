import { z } from 'zod';
import { SENIORITIES, SenioritySchema } from './common.schema.ts';

/**
 * The fit-score weight profiles: the one place the ranking's numbers live.
 * A request picks one by name (`profile=`), from this allow-list only;
 * ATLAS_RANKING_PROFILE picks the default. README "Ranking" explains the formula.
 *
 *   total = Σ weight_t · term_t / Σ weight_t, over t in {skills, sector, seniority, distance, movability}
 *
 * Every term lies in [0, 1], so the total does too.
 */

export const RankingProfileSchema = z.object({
  name: z.string(),
  description: z.string(),
  weights: z.object({
    skills: z.number().nonnegative(),
    sector: z.number().nonnegative(),
    seniority: z.number().nonnegative(),
    distance: z.number().nonnegative(),
    movability: z.number().nonnegative(),
  }),
  /** How much a required skill counts, by its strongest evidence. */
  evidence: z.object({
    publication: z.number().min(0).max(1),
    job: z.number().min(0).max(1),
    self: z.number().min(0).max(1),
  }),
  /** Seniority levels that fit fully when the request names none. */
  targetSeniority: z.array(SenioritySchema).min(1),
  /** Fit of a level one step away from the nearest target level. */
  adjacentSeniorityFit: z.number().min(0).max(1),
  movability: z.object({
    /** Years in the current role at which the tenure signal is full. */
    tenureFullYears: z.number().positive(),
    tenure: z.number().min(0).max(1),
    passive: z.number().min(0).max(1),
    openToWork: z.number().min(0).max(1),
  }),
});
export type RankingProfile = z.infer<typeof RankingProfileSchema>;

const shared = {
  evidence: { publication: 1, job: 1, self: 0.5 },
  targetSeniority: ['senior', 'lead'] as (typeof SENIORITIES)[number][],
  adjacentSeniorityFit: 0.5,
  movability: { tenureFullYears: 4, tenure: 0.6, passive: 0.2, openToWork: 0.4 },
};

export const RANKING_PROFILES = {
  balanced: {
    name: 'balanced',
    description: 'Skills first, then proven sector, with seniority, reachability and distance as tie-breakers.',
    weights: { skills: 0.35, sector: 0.25, seniority: 0.15, distance: 0.1, movability: 0.15 },
    ...shared,
  },
  'skills-first': {
    name: 'skills-first',
    description: 'Required-skill coverage dominates; sector history matters less.',
    weights: { skills: 0.55, sector: 0.15, seniority: 0.1, distance: 0.1, movability: 0.1 },
    ...shared,
  },
  reachable: {
    name: 'reachable',
    description: 'Favours people likely to move and close to the hub, for fast outreach.',
    weights: { skills: 0.25, sector: 0.15, seniority: 0.1, distance: 0.2, movability: 0.3 },
    ...shared,
  },
} as const satisfies Record<string, RankingProfile>;

export const RANKING_PROFILE_NAMES = Object.keys(RANKING_PROFILES) as [keyof typeof RANKING_PROFILES, ...(keyof typeof RANKING_PROFILES)[]];
export const RankingProfileNameSchema = z.enum(RANKING_PROFILE_NAMES);
export type RankingProfileName = z.infer<typeof RankingProfileNameSchema>;
export const DEFAULT_RANKING_PROFILE: RankingProfileName = 'balanced';
