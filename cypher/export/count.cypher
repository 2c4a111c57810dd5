// export/count: whether the database holds anything (a restore refuses a non-empty one without --replace).
// :param {}
MATCH (n)
WHERE NOT n:GraphStamp
RETURN count(n) AS nodes
