import type { Draft, DraftOptions, EntityLinker, NlpBackend } from './types';

export interface DraftDependencies {
  nlp: NlpBackend;
  linker: EntityLinker;
}

/**
 * Drafts the annotation of one article: parse, find entities and link them, find claims and facts, check
 * the result with the validator. Being written (issue 15); the signature is the contract.
 */
export async function draftArticle(options: DraftOptions, deps: DraftDependencies): Promise<Draft> {
  void options;
  void deps;
  throw new Error('draftArticle: not implemented yet');
}
