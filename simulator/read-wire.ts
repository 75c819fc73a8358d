// How the simulator reads what arrives on the wire, as the attendant service (ASP.NET) does. Its own code,
// not the panel's: a parsing bug in one cannot hide behind the same bug in the service that tests it.
import { RecordingAction } from '../protocol/wire.ts'

/** The name of an enumeration's value, or undefined for a value outside it. */
export function nameOf<T extends Record<string, number>>(
  enumeration: T,
  value: unknown,
): (keyof T & string) | undefined {
  for (const [name, v] of Object.entries(enumeration)) if (v === value) return name
  return undefined
}

/** An action as ASP.NET binds an enum: its number, the number as a string, or its name in any casing
 *  (surrounding spaces ignored). Undefined for anything else. */
export function readAction(value: unknown): RecordingAction | undefined {
  if (typeof value === 'number') return actionOfNumber(value)
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return actionOfNumber(Number(text))
  const wanted = text.toLowerCase()
  for (const [name, action] of Object.entries(RecordingAction))
    if (name.toLowerCase() === wanted) return action
  return undefined
}

function actionOfNumber(value: number): RecordingAction | undefined {
  return Object.values(RecordingAction).find((action) => action === value)
}

/** A property by name in any casing, as ASP.NET model binding reads JSON. */
export function readProperty(body: Record<string, unknown>, name: string): unknown {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(body)) if (key.toLowerCase() === wanted) return value
  return undefined
}
