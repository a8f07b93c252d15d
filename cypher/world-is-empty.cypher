// Whether the database holds no world: none of the nodes world-clear deletes. The
// installation's own records (users, tokens, the audit trail, the suppression list and
// its salt, the change mark; server/db/labels.ts) do not count, nor do constraints and
// indexes. `atlas serve` seeds the demo world only then, so a database whose users were
// added first, or whose world was replaced and not refilled, still gets one.
RETURN NOT EXISTS {
  MATCH (n:Candidate|FormerIdentifier|Employer|Sector|Hub|Country|Skill|Publication|Institution|TeamMember|World|Search|PipelineEntry|StageChange|TargetList|Snapshot|ListRow|SavedView)
} AS empty
