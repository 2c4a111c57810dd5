// documentChecksum: what one document contributed to the graph, and nothing another document can change —
// its Document node; its headings, sentences and claims with every relationship leaving them (NEXT,
// MENTIONS, BY, ON, CITES, RESPONDS_TO, EVIDENCE, …); its DESCRIBES and STANCE edges (with their method and
// confidence); and its own entries in the evidence lists of facts it shares with other documents, with what
// it says of each (confidence, method). Shared entities' properties are left out:
// their name and description are whichever document was loaded last.
// :param {docId: 'trump-putin-call-energy-ceasefire'}
MATCH (d:Document {id: $docId})
CALL (d) {
  MATCH (n:Sentence {docId: d.id})
  RETURN n
  UNION
  MATCH (n:Heading {docId: d.id})
  RETURN n
  UNION
  MATCH (n:Claim {docId: d.id})
  RETURN n
  UNION
  RETURN d AS n
}
WITH d, n
ORDER BY n.id
WITH d, collect(n) AS own
RETURN
  [n IN own | {labels: labels(n), properties: properties(n), types: [k IN keys(n) | [k, valueType(n[k])]]}]
    AS nodes,
  COLLECT {
    UNWIND own AS a
    MATCH (a)-[r]->(b)
    RETURN {type: type(r), from: a.id, to: b.id, properties: properties(r), types: [k IN keys(r) | [k, valueType(r[k])]]}
    UNION ALL
    MATCH (a:Entity)-[r:STANCE {docId: d.id}]->(b:Entity)
    RETURN {type: type(r), from: a.id, to: b.id, properties: properties(r), types: [k IN keys(r) | [k, valueType(r[k])]]}
  } AS relationships,
  COLLECT {
    MATCH (a:Entity)-[r]->(b:Entity)
    WHERE d.id IN r.docIds
    UNWIND [i IN range(0, size(r.docIds) - 1) WHERE r.docIds[i] = d.id] AS i
    RETURN {
      type: type(r), from: a.id, to: b.id, about: r.about, sentenceId: r.sentenceIds[i], quote: r.quotes[i],
      start: r.starts[i], end: r.ends[i], confidence: r.reportConfidences[i], method: r.reportMethods[i],
      types: [valueType(r.starts[i]), valueType(r.ends[i]), valueType(r.reportConfidences[i])]
    }
  } AS factEvidence
