import { BadUserInputError } from '../domain/errors';

/** The bounds every argument is held to; the schema's descriptions quote them. */
export const LIMITS = {
  first: { min: 1, max: 100, default: 20 },
  depth: { min: 1, max: 3, default: 1 },
  maxHops: { min: 1, max: 6, default: 4 },
  neighborhoodNodes: 200,
  textLength: 200,
} as const;

export function inRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(
      `Argument "${argument}" must be a whole number from ${min} to ${max}; got ${value}.`,
      {
        argument,
        min,
        max,
      },
    );
  }
  return value;
}

/** A confidence: a number from 0 to 1, both included. */
export function fraction(argument: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new BadUserInputError(`Argument "${argument}" must be a number from 0 to 1; got ${value}.`, {
      argument,
      min: 0,
      max: 1,
    });
  }
  return value;
}

export function boundedText(argument: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(`Argument "${argument}" must not be empty.`, { argument });
  if (trimmed.length > LIMITS.textLength) {
    throw new BadUserInputError(`Argument "${argument}" must be at most ${LIMITS.textLength} characters.`, {
      argument,
      max: LIMITS.textLength,
    });
  }
  return trimmed;
}
