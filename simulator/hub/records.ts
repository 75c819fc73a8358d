import { StringDecoder } from 'node:string_decoder'

/** SignalR's text framing: every JSON message, the handshake included, ends with 0x1E. */
export const RECORD_SEPARATOR = '\u001e'

export function toRecord(message: object): string {
  return JSON.stringify(message) + RECORD_SEPARATOR
}

export interface RecordReader {
  /** Adds bytes from one frame or POST body; returns the records it completed, without separators. */
  push(data: Buffer): string[]
}

export class RecordTooLargeError extends Error {}

/** Records may span frames and a frame may hold many records, so bytes are kept until a separator
 *  arrives. A UTF-8 character split across two binary frames is decoded whole. */
export function createRecordReader(maxRecordBytes: number): RecordReader {
  const decoder = new StringDecoder('utf8')
  let partial = ''

  return {
    push(data) {
      const pieces = (partial + decoder.write(data)).split(RECORD_SEPARATOR)
      partial = pieces.pop() ?? ''
      if (Buffer.byteLength(partial) > maxRecordBytes) {
        throw new RecordTooLargeError(`A message is larger than ${maxRecordBytes} bytes.`)
      }
      return pieces
    },
  }
}
