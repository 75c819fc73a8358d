// Parsers for the CLI's option values: each returns the value or throws InvalidArgumentError with
// what was expected, which commander prints as a usage error.
import { statSync } from 'node:fs'
import { isIP } from 'node:net'
import { InvalidArgumentError } from 'commander'
import { MAX_LOAD_EVENTS_PER_SECOND } from './load-scenario.ts'
import { audienceProblem } from './oidc/options.ts'
import { redirectProblem } from './oidc/redirects.ts'

export function integerIn(min: number, max: number, what: string) {
  return (value: string): number => {
    const number = Number(value)
    if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`Expected ${what}: a whole number from ${min} to ${max}.`)
    }
    return number
  }
}

export function positiveRate(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number > 600) {
    throw new InvalidArgumentError('Expected calls per minute: a number above 0, at most 600.')
  }
  return number
}

export function eventsPerSecond(value: string): number {
  const number = Number(value)
  if (
    value.trim() === '' ||
    !Number.isFinite(number) ||
    number < 0 ||
    number > MAX_LOAD_EVENTS_PER_SECOND
  ) {
    throw new InvalidArgumentError(
      `Expected changes per second: a number from 0 to ${MAX_LOAD_EVENTS_PER_SECOND}.`,
    )
  }
  return number
}

export function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a value, got an empty string.')
  return value.trim()
}

export function hubPath(value: string): string {
  const path = value.trim().replace(/\/+$/, '')
  if (!/^\/[^\s?#]+$/.test(path))
    throw new InvalidArgumentError('Expected a path like /attendantservice/hubs/recording.')
  if (/^\/(__sim|attendantservice\/api)(\/|$)/i.test(path)) {
    throw new InvalidArgumentError('The hub path may not lie under /__sim or the REST API.')
  }
  return path
}

export function corsOrigin(value: string): string {
  const origins = value.split(',').map((origin) => origin.trim().replace(/\/+$/, ''))
  for (const origin of origins) {
    if (origin === '*') continue
    let parsed: URL | undefined
    try {
      parsed = new URL(origin)
    } catch {
      parsed = undefined
    }
    if (!parsed || parsed.origin.toLowerCase() !== origin.toLowerCase()) {
      throw new InvalidArgumentError(
        `'${origin}' is not an origin like http://localhost:5173 (or *).`,
      )
    }
  }
  return origins.join(',')
}

/** A repeatable option's values, in order. */
export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)]
}

export function hostName(value: string): string {
  const name = value.trim().toLowerCase()
  const bare = name.replace(/^\[(.*)\]$/, '$1')
  if (isIP(bare) === 6) return `[${bare}]`
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name)) {
    throw new InvalidArgumentError(
      `'${value}' is not a host name like sim.example.internal (no port).`,
    )
  }
  return name
}

export function controlOrigin(value: string): string {
  const origin = corsOrigin(value)
  if (origin.includes(',') || origin === '*') {
    throw new InvalidArgumentError('Give one origin per --control-origin; * is not allowed.')
  }
  return origin
}

export function directory(value: string): string {
  try {
    if (statSync(value).isDirectory()) return value
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(`'${value}' is not a directory.`)
}

/** A redirect URI (that one only) or an origin (any path there). */
export function redirectUri(value: string): string {
  const problem = redirectProblem(value.trim())
  if (problem) throw new InvalidArgumentError(problem)
  return value.trim()
}

/** A resource indicator: an absolute URI without a fragment. */
export function audience(value: string): string {
  const problem = audienceProblem(value.trim())
  if (problem) throw new InvalidArgumentError(problem)
  return value.trim()
}
