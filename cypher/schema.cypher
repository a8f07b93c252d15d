// The talent graph's constraints and indexes. Idempotent (IF NOT EXISTS):
// applied at every start-up and by the test set-up.
// This is the one multi-statement file; statements end with a semicolon.
// Every MERGE in the project is backed by one of these uniqueness constraints.
CREATE CONSTRAINT candidate_id IF NOT EXISTS FOR (n:Candidate) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT employer_id IF NOT EXISTS FOR (n:Employer) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sector_id IF NOT EXISTS FOR (n:Sector) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT hub_id IF NOT EXISTS FOR (n:Hub) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (n:Skill) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT publication_id IF NOT EXISTS FOR (n:Publication) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT world_key IF NOT EXISTS FOR (n:World) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT team_member_id IF NOT EXISTS FOR (n:TeamMember) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT search_id IF NOT EXISTS FOR (n:Search) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT pipeline_entry_id IF NOT EXISTS FOR (n:PipelineEntry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_list_id IF NOT EXISTS FOR (n:TargetList) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT snapshot_id IF NOT EXISTS FOR (n:Snapshot) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT list_row_person IF NOT EXISTS FOR (n:ListRow) REQUIRE (n.snapshotId, n.candidateId) IS UNIQUE;
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT saved_view_id IF NOT EXISTS FOR (n:SavedView) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT saved_view_name IF NOT EXISTS FOR (n:SavedView) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_name IF NOT EXISTS FOR (n:User) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT token_id IF NOT EXISTS FOR (n:Token) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT installation_key IF NOT EXISTS FOR (n:Installation) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT data_version_id IF NOT EXISTS FOR (n:DataVersion) REQUIRE n.id IS UNIQUE;
CREATE INDEX talent_change_seq IF NOT EXISTS FOR (n:TalentChange) ON (n.seq);
CREATE CONSTRAINT suppressed_hash IF NOT EXISTS FOR (n:Suppressed) REQUIRE n.hash IS UNIQUE;
CREATE CONSTRAINT candidate_email_key IF NOT EXISTS FOR (n:Candidate) REQUIRE n.emailKey IS UNIQUE;
CREATE CONSTRAINT candidate_profile_key IF NOT EXISTS FOR (n:Candidate) REQUIRE n.profileKey IS UNIQUE;
CREATE INDEX former_identifier_key IF NOT EXISTS FOR (n:FormerIdentifier) ON (n.key);
CREATE INDEX employer_norm_name IF NOT EXISTS FOR (n:Employer) ON (n.normName);
CREATE INDEX candidate_segment IF NOT EXISTS FOR (n:Candidate) ON (n.segment);
CREATE INDEX candidate_seniority IF NOT EXISTS FOR (n:Candidate) ON (n.seniority);
CREATE INDEX candidate_name IF NOT EXISTS FOR (n:Candidate) ON (n.name);
CREATE INDEX list_row_rank IF NOT EXISTS FOR (n:ListRow) ON (n.snapshotId, n.rank);
CREATE INDEX snapshot_list IF NOT EXISTS FOR (n:Snapshot) ON (n.listId, n.status);
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
CREATE INDEX audit_event_candidate IF NOT EXISTS FOR (n:AuditEvent) ON (n.candidateId);
CREATE POINT INDEX hub_location IF NOT EXISTS FOR (n:Hub) ON (n.location);
CREATE POINT INDEX candidate_location IF NOT EXISTS FOR (n:Candidate) ON (n.location);
CREATE TEXT INDEX skill_name IF NOT EXISTS FOR (n:Skill) ON (n.name);
