UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MATCH (earlier:Claim {id: row.respondsTo})
CREATE (c)-[:RESPONDS_TO]->(earlier)
RETURN count(c) AS responses
