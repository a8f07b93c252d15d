// One of the installation's secrets ($key: the suppression salt, the candidate-id
// key), created on first use: $value (a fresh random value) is kept only when there is
// none yet. The key is unique, so two first uses at once agree on one value.
MERGE (i:Installation {key: $key})
  ON CREATE SET i.value = $value, i.createdAt = datetime($now)
RETURN i.value AS value
