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
CREATE CONSTRAINT candidate_email_key IF NOT EXISTS FOR (n:Candidate) REQUIRE n.emailKey IS UNIQUE;
CREATE CONSTRAINT candidate_profile_key IF NOT EXISTS FOR (n:Candidate) REQUIRE n.profileKey IS UNIQUE;
CREATE INDEX employer_norm_name IF NOT EXISTS FOR (n:Employer) ON (n.normName);
CREATE INDEX candidate_segment IF NOT EXISTS FOR (n:Candidate) ON (n.segment);
CREATE INDEX candidate_seniority IF NOT EXISTS FOR (n:Candidate) ON (n.seniority);
CREATE INDEX candidate_name IF NOT EXISTS FOR (n:Candidate) ON (n.name);
CREATE POINT INDEX hub_location IF NOT EXISTS FOR (n:Hub) ON (n.location);
CREATE POINT INDEX candidate_location IF NOT EXISTS FOR (n:Candidate) ON (n.location);
CREATE TEXT INDEX skill_name IF NOT EXISTS FOR (n:Skill) ON (n.name);
