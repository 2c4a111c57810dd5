// Takes the write lock of each document to be loaded for the rest of the transaction, so that two loads of
// one document run one after the other and the second sees what the first wrote. $docIds comes sorted: two
// transactions that load overlapping sets of documents take the locks in the same order and cannot deadlock
// on them. Changes no stored value.
UNWIND $docIds AS docId
MERGE (d:Document {id: docId})
SET d.loadLock = true
REMOVE d.loadLock
RETURN d.id AS docId, d.planSha256 AS planSha256, d.sha256 IS NULL AS isNew
