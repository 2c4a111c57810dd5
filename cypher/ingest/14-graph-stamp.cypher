// The graph's stamp: every transaction that writes a document counts itself here, last, so that a reader
// can tell the graph changed without reading it (the response cache polls cypher/queries/graph-stamp.cypher,
// which notices loads no event announced: `npm run load` beside a running service, an instance without
// REDIS_URL). Not data: graph checksums and exports leave it out.
MERGE (s:GraphStamp {id: 'graph'})
SET s.loads = coalesce(s.loads, 0) + 1
RETURN s.loads AS loads
