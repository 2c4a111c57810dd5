// openTransactions: the transactions Neo4j is running whose name (the metadata every transaction of the
// service carries: src/db/database.ts) starts with $prefix, e.g. 'ingest/' for loads. Fault drills use it to
// know that a load is in the middle of its transaction, and that it has been rolled back after a kill.
// :param {prefix: 'ingest/'}
SHOW TRANSACTIONS
YIELD transactionId, metaData, elapsedTime, status
WHERE metaData.query STARTS WITH $prefix
RETURN transactionId AS id, metaData.query AS name, elapsedTime.milliseconds AS ms, status
