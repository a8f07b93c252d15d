// How many candidates are not informed yet (GDPR Art. 14), and how many of
// them are overdue on $today: the deadline (as in privacy-notice-due.cypher)
// has passed, or there is no date to compute it from.
MATCH (c:Candidate)
WHERE c.informedAt IS NULL
WITH date(c.obtainedAt) + duration({months: $noticeMonths}) AS oneMonth, date(c.firstContactAt) AS contact
WITH CASE WHEN contact IS NOT NULL AND (oneMonth IS NULL OR contact < oneMonth) THEN contact ELSE oneMonth END AS dueBy
RETURN count(*) AS due, count(CASE WHEN dueBy IS NULL OR dueBy < date($today) THEN 1 END) AS overdue
