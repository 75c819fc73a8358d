// The kinds of fault the soak injects (bench/soak/faults.ts), as `--skip` names them.
export const FaultKind = {
  Drop: 'drop-connections',
  Close: 'close',
  CloseReconnect: 'close-allow-reconnect',
  RefuseNegotiation: 'refuse-negotiation',
  Reply: 'bad-answers',
  Latency: 'latency-spike',
  Hang: 'hang',
  OutOfOrder: 'out-of-order-event',
  Duplicate: 'duplicate-event',
  SlowAnswer: 'slow-answer',
} as const
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind]
