// Adds a person who may use the API, with one role ($role: viewer, sourcer or admin).
// The name is unique (constraint user_name): adding a taken name fails rather than
// silently sharing an account.
CREATE (u:User {id: $id, name: $name, role: $role, createdAt: datetime($createdAt)})
RETURN u {.id, .name, .role, createdAt: toString(u.createdAt)} AS user
