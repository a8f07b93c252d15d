import { z } from 'zod';
import { INFORMED_HOW } from '../privacy/notice.ts';
import { IdSchema, IsoDateSchema, TimestampSchema, intParam } from './common.schema.ts';

/**
 * GDPR: Art. 14 notices, retention, erasure, access requests and the audit
 * trail. Plain zod, like every schema file (the client may import it).
 */

export const NoticeSchema = z.object({
  /** `due`: not informed yet, deadline today or later; `overdue`: deadline passed, or no date on record to compute it. */
  status: z.enum(['informed', 'due', 'overdue']),
  /** The last day to inform the person (GDPR Art. 14(3)): a month after obtaining the data, or the first contact if sooner. */
  dueBy: IsoDateSchema.nullable(),
  rule: z.enum(['one-month', 'first-contact']).nullable(),
});
export type NoticeView = z.infer<typeof NoticeSchema>;

export const InformedBodySchema = z.strictObject({
  /** When the person was informed (default: now); never in the future. */
  at: z.iso.datetime({ offset: true, error: 'must be an ISO timestamp such as 2026-01-05T10:00:00Z' }).optional(),
  how: z.enum(INFORMED_HOW, { error: () => `must be one of ${INFORMED_HOW.join(', ')}` }),
});
export type InformedBody = z.output<typeof InformedBodySchema>;

export const InformedSchema = z.object({
  id: z.string(),
  informedAt: TimestampSchema,
  informedHow: z.enum(INFORMED_HOW),
  firstContactAt: TimestampSchema,
  lastContactAt: TimestampSchema,
  notice: NoticeSchema,
});
export type Informed = z.infer<typeof InformedSchema>;

export const NOTICE_DUE_LIMIT_MAX = 500;

export const NoticeDueQuerySchema = z.strictObject({
  limit: intParam({ min: 1, max: NOTICE_DUE_LIMIT_MAX }).default(100),
  /** Opaque; the `nextCursor` of the previous page. */
  cursor: z.string().max(512, 'is too long').optional(),
});
export type NoticeDueQuery = z.output<typeof NoticeDueQuerySchema>;

export const NoticeDueItemSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  hub: z.object({ id: z.string(), name: z.string() }).nullable(),
  lawfulBasis: z.string().nullable(),
  sources: z.array(z.string()),
  obtainedAt: IsoDateSchema.nullable(),
  firstContactAt: TimestampSchema.nullable(),
  notice: NoticeSchema,
});

export const NoticeDueSchema = z.object({
  today: IsoDateSchema,
  /** Candidates not informed yet (all pages). */
  due: z.number().int().nonnegative(),
  /** Of those, the ones whose deadline has passed. */
  overdue: z.number().int().nonnegative(),
  /** Overdue first (no date on record, then the earliest deadline), then due by deadline. */
  items: z.array(NoticeDueItemSchema),
  nextCursor: z.string().nullable(),
});
export type NoticeDue = z.infer<typeof NoticeDueSchema>;

export const PeriodViewSchema = z.object({ months: z.number().optional(), weeks: z.number().optional(), days: z.number().optional() });

export const AppliedPolicySchema = z.object({
  /** The country whose row applies; null: the default row. */
  country: z.string().nullable(),
  variant: z.enum(['standard', 'consent']),
  period: PeriodViewSchema,
  authority: z.string(),
  citation: z.string(),
});

export const RetentionItemSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** The country of the hub the person is based in. */
  country: z.string().nullable(),
  lawfulBasis: z.string().nullable(),
  policy: AppliedPolicySchema,
  since: IsoDateSchema,
  sinceWhat: z.enum(['last-contact', 'obtained']),
  expiresOn: IsoDateSchema,
});
export type RetentionItem = z.infer<typeof RetentionItemSchema>;

export const ErasureSchema = z.object({
  candidateId: z.string(),
  reason: z.enum(['request', 'retention']),
  erasedAt: TimestampSchema,
  /** Pipeline entries kept as anonymous tombstones (stage and history, no person, no notes). */
  pipelineEntries: z.number().int(),
  stageChanges: z.number().int(),
  /** Rows of list snapshots emptied to an `erased` placeholder. */
  listRows: z.number().int(),
  /** Publications only this person authored, removed. */
  publications: z.number().int(),
  /** Saved views that opened this person, removed. */
  savedViews: z.number().int(),
  /** Relationships removed with the candidate. */
  relationships: z.number().int(),
  /** Keyed hashes of the person's identifiers on the suppression list. */
  suppressedHashes: z.number().int(),
});
export type Erasure = z.infer<typeof ErasureSchema>;

export const RetentionReportSchema = z.object({
  today: IsoDateSchema,
  /** false: a dry run, nobody erased. */
  applied: z.boolean(),
  /** Everyone past their retention period, oldest first. */
  candidates: z.array(RetentionItemSchema),
  erased: z.array(ErasureSchema),
  /** People who could not be erased (gone meanwhile, a database error), with why. */
  failed: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type RetentionReport = z.infer<typeof RetentionReportSchema>;

const Props = z.record(z.string(), z.unknown());

export const AuditEventSchema = z
  .object({ id: z.string(), at: TimestampSchema, actor: z.string(), action: z.string() })
  .catchall(z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const DsarSchema = z.object({
  generatedAt: TimestampSchema,
  candidateId: z.string(),
  /** Every stored property that is neither a contact detail nor provenance. */
  profile: Props,
  /** The ways to reach the person, as stored (and their normalised keys), and the emails and profile links they held before (normalised). */
  contactDetails: z.object({
    email: z.string().nullable(),
    emailKey: z.string().nullable(),
    profileUrl: z.string().nullable(),
    profileKey: z.string().nullable(),
    formerEmailKeys: z.array(z.string()),
    formerProfileKeys: z.array(z.string()),
  }),
  provenance: z.object({
    sources: z.array(z.string()),
    lawfulBasis: z.string().nullable(),
    obtainedAt: z.string().nullable(),
    informedAt: z.string().nullable(),
    informedHow: z.string().nullable(),
    firstContactAt: z.string().nullable(),
    lastContactAt: z.string().nullable(),
    notice: NoticeSchema,
    retention: z.object({ policy: AppliedPolicySchema, since: IsoDateSchema.nullable(), expiresOn: IsoDateSchema.nullable() }),
  }),
  hubs: z.array(z.object({ hubId: z.string(), hubName: z.string().nullable(), countryCode: z.string().nullable(), properties: Props })),
  career: z.array(z.object({ current: z.boolean(), employerId: z.string(), employerName: z.string().nullable(), properties: Props })),
  skills: z.array(z.object({ skillId: z.string(), skillName: z.string().nullable(), properties: Props })),
  publications: z.array(z.object({ publicationId: z.string(), title: z.string().nullable(), year: z.number().nullable(), venue: z.string().nullable(), properties: Props })),
  education: z.array(z.object({ institutionId: z.string(), institutionName: z.string().nullable(), properties: Props })),
  /** Relationships of any other type, as stored. */
  otherRelationships: z.array(z.object({ type: z.string(), direction: z.enum(['outgoing', 'incoming']), otherLabels: z.array(z.string()), otherId: z.string().nullable(), properties: Props })),
  pipeline: z.array(
    z.object({ searchId: z.string(), searchTitle: z.string().nullable(), client: z.string().nullable(), entry: Props, history: z.array(Props) }),
  ),
  listAppearances: z.array(z.object({ listId: z.string(), listName: z.string(), week: z.string(), status: z.string().nullable(), row: Props })),
  /** Events naming the person, and exports of the list weeks they were on. */
  auditEvents: z.array(AuditEventSchema),
});
export type Dsar = z.infer<typeof DsarSchema>;

export const AUDIT_LIMIT_MAX = 500;

export const AuditQuerySchema = z.strictObject({
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(40).optional(),
  candidateId: IdSchema.optional(),
  listId: IdSchema.optional(),
  /** Events at or after this instant. */
  from: z.iso.datetime({ offset: true, error: 'must be an ISO timestamp' }).optional(),
  /** Events before this instant. */
  to: z.iso.datetime({ offset: true, error: 'must be an ISO timestamp' }).optional(),
  limit: intParam({ min: 1, max: AUDIT_LIMIT_MAX }).default(100),
  cursor: z.string().max(512, 'is too long').optional(),
});
export type AuditQueryInput = z.output<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  /** Newest first. */
  items: z.array(AuditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const CandidateIdParamsSchema = z.strictObject({ id: IdSchema });
