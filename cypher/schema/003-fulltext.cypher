// Name resolution: names and aliases only, case- and diacritic-insensitive (standard-folding folds to
// ASCII and lower case).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (e:Entity) ON EACH [e.name, e.aliasText]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
// Name resolution also finds an entity by the names a document gives it for itself (document-scoped
// aliases, a string list on the DESCRIBES relationship); the same analyzer, so both match alike.
CREATE FULLTEXT INDEX document_aliases IF NOT EXISTS
FOR ()-[d:DESCRIBES]-() ON EACH [d.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
// Free-text search over entities also reads their descriptions.
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
FOR (e:Entity) ON EACH [e.name, e.aliasText, e.description]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
CREATE FULLTEXT INDEX sentence_text IF NOT EXISTS
FOR (s:Sentence) ON EACH [s.text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
