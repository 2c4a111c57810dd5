// documentCounts: what of one document a reader can see — whether its Document node is there, and how many of
// its sentences, headings, claims, mentions (from its sentences) and stances (STANCE edges of its claims) are
// stored. A document loads in one transaction, so a reader sees all of it or nothing: the fault drills check
// that each count is either 0 with no Document node, or the full count with it.
// :param {docId: 'trump-putin-call-energy-ceasefire'}
OPTIONAL MATCH (d:Document {id: $docId})
RETURN
  d IS NOT NULL AS document,
  COUNT { MATCH (s:Sentence {docId: $docId}) } AS sentences,
  COUNT { MATCH (h:Heading {docId: $docId}) } AS headings,
  COUNT { MATCH (c:Claim {docId: $docId}) } AS claims,
  COUNT { MATCH (:Sentence {docId: $docId})-[m:MENTIONS]->() } AS mentions,
  COUNT { MATCH ()-[r:STANCE {docId: $docId}]->() } AS stances
