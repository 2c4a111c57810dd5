/**
 * Which date a bare weekday ("on Sunday", "Sunday night") means, from the document date and the tense of the
 * clause it belongs to.
 *
 * CoreNLP's SUTime resolves weekdays by tense too, but it records the tense on a weekday object it shares
 * between documents: an untensed "on Sunday" then takes the tense of whichever text the server parsed last
 * (checked on 4.5.10: with the document date 2025-03-18, the same sentence gave 2025-03-16 on a fresh
 * server and 2025-03-23 after another text). A draft must not depend on what else the server has seen, so
 * the backend resolves bare weekdays here, deterministically, and leaves every other date to SUTime.
 */

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Words that may accompany the weekday in one DATE/TIME mention without anchoring it ("Sunday night"). */
const PARTS_OF_DAY = new Set(['morning', 'afternoon', 'evening', 'night', 'noon', 'midnight', 'overnight']);
/** "will", "would", "shall", "'ll" (also as tokenised from "won't": "wo"). */
const FUTURE_AUX = new Set(['will', 'would', 'shall', "'ll", '’ll', 'll', 'wo']);

export type Tense = 'past' | 'future' | 'unknown';

/** ISO day of the week (1 = Monday … 7 = Sunday) of a weekday name, else undefined. */
export function isoWeekday(word: string): number | undefined {
  const i = WEEKDAYS.indexOf(word.toLowerCase());
  return i < 0 ? undefined : i + 1;
}

/**
 * The weekday of a mention that is only a weekday, optionally with a part of the day ("Sunday",
 * "Sunday night"); undefined when anything else anchors it ("next Sunday", "Sunday, March 23").
 */
export function bareWeekday(words: readonly string[]): number | undefined {
  const days = words.map(isoWeekday).filter((d): d is number => d !== undefined);
  if (days.length !== 1) return undefined;
  const others = words.filter((w) => isoWeekday(w) === undefined);
  return others.every((w) => PARTS_OF_DAY.has(w.toLowerCase())) ? days[0] : undefined;
}

const DAY_MS = 86_400_000;

/**
 * The date (YYYY-MM-DD) of `weekday` nearest `documentDate` in the direction the tense gives: the latest on
 * or before it for the past, the earliest on or after it for the future, the nearer of those two otherwise.
 */
export function resolveWeekday(documentDate: string, weekday: number, tense: Tense): string {
  const reference = Date.parse(`${documentDate}T00:00:00Z`);
  const referenceDay = ((new Date(reference).getUTCDay() + 6) % 7) + 1;
  const back = (referenceDay - weekday + 7) % 7;
  const ahead = (weekday - referenceDay + 7) % 7;
  const offset = tense === 'past' ? -back : tense === 'future' ? ahead : back <= ahead ? -back : ahead;
  return new Date(reference + offset * DAY_MS).toISOString().slice(0, 10);
}

/** A token of one sentence with its basic (tree) dependency: `head` -1 for the root. */
export interface TenseToken {
  word: string;
  pos: string;
  head: number;
  rel: string;
}

/**
 * The tense of the clause a token belongs to: climb from it to the nearest verb, then read that verb and its
 * auxiliaries. Future: a modal (will, would, shall), an infinitive ("set to resume on Sunday", "agreed to
 * meet"), or the present ("talks resume on Sunday", "is meeting on Sunday"). Past: a past-tense verb or
 * auxiliary ("met", "was attacked"), or the perfect ("has met"). Unknown: no verb governs it.
 */
export function clauseTense(tokens: readonly TenseToken[], index: number): Tense {
  let verb = tokens[index]?.head ?? -1;
  const seen = new Set<number>();
  while (verb >= 0 && !tokens[verb].pos.startsWith('VB') && !seen.has(verb)) {
    seen.add(verb);
    verb = tokens[verb].head;
  }
  if (verb < 0) return 'unknown';
  const dependents = tokens.filter((t) => t.head === verb);
  const auxiliaries = dependents.filter((t) => t.rel === 'aux' || t.rel === 'aux:pass');
  if (auxiliaries.some((t) => FUTURE_AUX.has(t.word.toLowerCase()))) return 'future';
  if (dependents.some((t) => t.rel === 'mark' && t.word.toLowerCase() === 'to')) return 'future';
  const forms = [tokens[verb], ...auxiliaries];
  if (forms.some((t) => t.pos === 'VBD')) return 'past';
  if (auxiliaries.some((t) => /^(has|have|'ve|’ve)$/i.test(t.word))) return 'past';
  if (forms.some((t) => t.pos === 'VBZ' || t.pos === 'VBP')) return 'future';
  return 'unknown';
}
