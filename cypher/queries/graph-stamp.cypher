// graphStamp: how many loading transactions the graph has committed (cypher/ingest/13-graph-stamp.cypher);
// no row before the first. One node by its unique id.
// :param {}
MATCH (s:GraphStamp {id: 'graph'})
RETURN s.loads AS loads
