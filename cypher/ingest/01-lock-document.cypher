// Takes the document's write lock for the rest of the transaction, so that two loads of one document run
// one after the other; the second then sees what the first wrote. Changes no stored value.
MERGE (d:Document {id: $docId})
SET d.loadLock = true
REMOVE d.loadLock
RETURN d.planSha256 AS planSha256, d.sha256 IS NULL AS isNew
