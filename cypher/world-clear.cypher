// Deletes the world for `atlas seed --replace`: what a seeded world or an import wrote,
// and the team's work on its people (mandates with their pipelines, target lists with
// their snapshots, saved views). A new world reuses ids (c-000001, e-0001) for other
// people and employers, so any of these kept would quietly point at someone else.
// Only the labels below are touched: users and tokens, the audit trail, the suppression
// list and its salt, and the change mark stay (server/db/labels.ts).
// Batched as graph-clear is, relationships first (a skill everyone has would otherwise
// be detached in one huge batch); an implicit (auto-commit) transaction, as
// CALL { } IN TRANSACTIONS requires.
MATCH ()-[r]->()
WHERE any(end IN [startNode(r), endNode(r)]
          WHERE end:Candidate|FormerIdentifier|Employer|Sector|Hub|Country|Skill|Publication|Institution|TeamMember|World|Search|PipelineEntry|StageChange|TargetList|Snapshot|ListRow|SavedView)
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS relationships
MATCH (n:Candidate|FormerIdentifier|Employer|Sector|Hub|Country|Skill|Publication|Institution|TeamMember|World|Search|PipelineEntry|StageChange|TargetList|Snapshot|ListRow|SavedView)
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
RETURN relationships, count(*) AS nodes
