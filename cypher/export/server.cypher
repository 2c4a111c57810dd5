// export/server: the Neo4j a backup was taken from, for its manifest.
// :param {}
CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
RETURN versions[0] AS version, edition
