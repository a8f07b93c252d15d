import { z } from 'zod';

/** The world's vocabulary the filters offer: skills (for type-ahead) and sectors. */

export const TaxonomySkillSchema = z.object({ id: z.string(), name: z.string(), group: z.string().nullable() });
export type TaxonomySkill = z.infer<typeof TaxonomySkillSchema>;

export const TaxonomySectorSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** A sector the search fills. */
  target: z.boolean(),
  group: z.string().nullable(),
});
export type TaxonomySector = z.infer<typeof TaxonomySectorSchema>;

export const TaxonomySchema = z.object({
  skills: z.array(TaxonomySkillSchema),
  sectors: z.array(TaxonomySectorSchema),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/** The search team's own people: where warm introductions start. */
export const TeamMemberListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
});
export type TeamMemberList = z.infer<typeof TeamMemberListSchema>;
