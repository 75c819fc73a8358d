import { randomUUID } from 'node:crypto'

export interface Random {
  /** A number in [0, 1). */
  next(): number
  uuid(): string
}

/** Math.random-backed unless a seed is given; a seed makes every draw repeatable (mulberry32). */
export function createRandom(seed?: number): Random {
  if (seed === undefined) return { next: Math.random, uuid: randomUUID }
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, uuid: () => seededUuid(next) }
}

function seededUuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16))
  hex[12] = '4'
  hex[16] = (Math.floor(next() * 4) + 8).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

export function between(random: Random, min: number, max: number): number {
  return min + random.next() * (max - min)
}

export function chance(random: Random, probability: number): boolean {
  return random.next() < probability
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random.next() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}
