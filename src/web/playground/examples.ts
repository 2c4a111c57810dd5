import { playgroundExamples } from '../../operations';
import type { PlaygroundOptions } from './playground.router';

/**
 * The playground opens with one tab per question: the two of the mission first, then a few more to try.
 * They are operations/playground/*.graphql, read when the server starts.
 */
export function exampleTabs(): Required<Pick<PlaygroundOptions, 'defaultQuery' | 'defaultTabs'>> {
  const defaultTabs = playgroundExamples().map(({ text }) => ({ query: text }));
  return { defaultQuery: defaultTabs[0]?.query ?? '', defaultTabs };
}
