// The document's own properties. The annotation's text (graph.yaml as loaded) is kept beside the article's
// so that `npm run export` can write every stored document back out, including those sent by loadDocument.
UNWIND $docs AS doc
MATCH (d:Document {id: doc.id})
SET d.title = doc.title,
    d.source = doc.source,
    d.url = doc.url,
    d.publishedAt = doc.publishedAt,
    d.language = doc.language,
    d.sha256 = doc.sha256,
    d.planSha256 = doc.planSha256,
    d.text = doc.text,
    d.annotation = doc.annotation,
    d.length = size(doc.text)
RETURN count(d) AS documents
