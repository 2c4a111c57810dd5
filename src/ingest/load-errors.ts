/** No document folder under the paths given: the command line named the wrong place (a usage error). */
export class NoDocumentsError extends Error {
  override name = 'NoDocumentsError';
}

/**
 * Some document has problems, each already reported. Nothing of it was written; the message says whether
 * documents before it were (a stream loads them, a corpus load validates all first and writes none).
 */
export class InvalidDocumentsError extends Error {
  override name = 'InvalidDocumentsError';
}
