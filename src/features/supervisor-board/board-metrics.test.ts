import { expect, test } from 'vitest'
import { BoardBench } from './board-metrics.ts'

test('the benchmark counters: events received and applied, GETs sent, event-to-commit times', () => {
  let perf = 0
  const bench = new BoardBench(() => perf)
  bench.eventReceived()
  bench.eventReceived()
  bench.eventReceived()
  bench.eventsApplied([100, 104])
  bench.getSent()
  bench.getSent()
  perf = 120
  bench.committed()
  bench.committed() // a commit with nothing new applied adds no sample
  expect(bench.metrics).toEqual({
    eventsReceived: 3,
    eventsApplied: 2,
    getsSent: 2,
    eventToRowMs: [20, 16],
  })
})

test('a reader may empty the samples; later ones still land in the same array', () => {
  let perf = 0
  const bench = new BoardBench(() => perf)
  const samples = bench.metrics.eventToRowMs
  bench.eventsApplied([0])
  perf = 5
  bench.committed()
  expect(samples.splice(0, samples.length)).toEqual([5])
  bench.eventsApplied([10])
  perf = 12
  bench.committed()
  expect(bench.metrics.eventToRowMs).toBe(samples)
  expect(samples).toEqual([2])
})

test('only the last 20,000 samples are kept', () => {
  let perf = 0
  const bench = new BoardBench(() => perf)
  bench.eventsApplied(Array.from({ length: 15_000 }, () => 0))
  perf = 1
  bench.committed()
  bench.eventsApplied(Array.from({ length: 15_000 }, () => 1))
  perf = 3
  bench.committed()
  const samples = bench.metrics.eventToRowMs
  expect(samples).toHaveLength(20_000)
  expect(samples[0]).toBe(1)
  expect(samples.at(-1)).toBe(2)
  expect(samples.filter((ms) => ms === 1)).toHaveLength(5_000)
})
