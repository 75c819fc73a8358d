import { RecordingAction } from '../../protocol/wire.ts'

// Reading what crosses the wire, for REST answers and hub events alike: one case-insensitive key
// helper and one enumeration reader. The simulator reads requests with code of its own.

/**
 * The name of an enumeration value given as a number, a numeric string or a name in any casing
 * (surrounding spaces ignored); undefined for anything outside the enumeration.
 */
export function readEnum<T extends Record<string, number>>(
  enumeration: T,
  value: unknown,
): (keyof T & string) | undefined {
  if (typeof value === 'number') {
    for (const [name, v] of Object.entries(enumeration)) if (v === value) return name
    return undefined
  }
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return readEnum(enumeration, Number(trimmed))
  const lower = trimmed.toLowerCase()
  return Object.keys(enumeration).find((name) => name.toLowerCase() === lower)
}

/** An action from its number or its name (any casing), or undefined. */
export function readAction(value: unknown): RecordingAction | undefined {
  const name = readEnum(RecordingAction, value)
  return name === undefined ? undefined : RecordingAction[name]
}

/** ASP.NET reads property names case-insensitively and may write camelCase: accept any casing. */
export function canonicalKeys(body: unknown, keys: readonly string[]): unknown {
  if (!isRecord(body)) return body
  const byLower = new Map(keys.map((key) => [key.toLowerCase(), key]))
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    const canonical = byLower.get(key.toLowerCase())
    if (canonical && !(canonical in out && key !== canonical)) out[canonical] = value
  }
  return out
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
