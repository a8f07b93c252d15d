// Saves a named view of the explorer (a URL); saving again under the same
// name replaces its URL and keeps its id, so shared links to it stay valid.
MERGE (v:SavedView {name: $name})
  ON CREATE SET v.id = $id, v.createdAt = datetime($now)
SET v.url = $url, v.updatedAt = datetime($now)
RETURN v.id AS id, v.name AS name, v.url AS url,
       toString(v.createdAt) AS createdAt, toString(v.updatedAt) AS updatedAt,
       v.id = $id AS created
