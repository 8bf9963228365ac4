import { describe, expect, it } from 'vitest'
import { CoalescedOutput, OUTPUT_FLUSH_CHARS, OUTPUT_FLUSH_MS } from '../../../electron/cli/batch-command'

describe('the batch output gathered into fewer writes', () => {
  it('keeps the text and its order, writing when enough is waiting, when it is old enough, or when told', () => {
    const writes: string[] = []
    let now = 0
    const output = new CoalescedOutput({ write: (text: string) => writes.push(text) }, () => now)
    output.write('a\n')
    output.write('b\n')
    output.flushIfDue()
    expect(writes).toEqual([])
    now += OUTPUT_FLUSH_MS
    output.flushIfDue()
    expect(writes).toEqual(['a\nb\n'])
    output.write('x'.repeat(OUTPUT_FLUSH_CHARS))
    output.flushIfDue()
    expect(writes).toHaveLength(2)
    output.write('c\n')
    output.flush()
    output.flush()
    expect(writes.join('')).toBe(`a\nb\n${'x'.repeat(OUTPUT_FLUSH_CHARS)}c\n`)
    expect(writes).toHaveLength(3)
  })
})
