// Command-line options for the runs in bench/, with commander: the parsers of option values and
// the one way a command line is read (commander prints usage errors and --help itself, and exits).
import { InvalidArgumentError } from 'commander'
import type { Command, OptionValues } from 'commander'

/** Reads `argv` (the arguments after the script) with `command`; extra arguments are an error. */
export function parseOptions<T extends OptionValues>(command: Command, argv: readonly string[]): T {
  return command
    .allowExcessArguments(false)
    .parse([...argv], { from: 'user' })
    .opts<T>()
}

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const number = Number(value)
    if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max)
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`)
    return number
  }
}

/**
 * A number above 0 (fractions allowed), at most `max`. `message` replaces the standard
 * explanations ("Expected a number above 0.", "At most max.").
 */
export function positiveNumber(max: number, message?: string) {
  return (value: string): number => {
    const number = Number(value)
    if (value.trim() === '' || !Number.isFinite(number) || number <= 0)
      throw new InvalidArgumentError(message ?? 'Expected a number above 0.')
    if (number > max) throw new InvalidArgumentError(message ?? `At most ${max}.`)
    return number
  }
}

/**
 * A comma-separated list of some of `allowed`, each once; `problem` explains a name that is not
 * one of them (or, with `atLeastOne`, an empty list).
 */
export function commaList<T extends string>(
  allowed: readonly T[],
  problem: (unknown: string[]) => string,
  options: { atLeastOne?: boolean } = {},
) {
  return (value: string): T[] => {
    const names = [
      ...new Set(
        value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    ]
    const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name))
    if (unknown.length > 0 || (options.atLeastOne && names.length === 0))
      throw new InvalidArgumentError(problem(unknown))
    return names as T[]
  }
}
