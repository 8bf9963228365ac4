import { describe, expect, it } from 'vitest'
import { constantTimeEquals } from '../../../electron/core/constant-time'
import { ROX_SECRET, expectedRoxchatHash } from './helpers'

describe('constantTimeEquals', () => {
  const hash = expectedRoxchatHash('m', ROX_SECRET, 'hmac-sha256')

  it('is true only for the exact same spelling', () => {
    expect(constantTimeEquals(hash, hash)).toBe(true)
    expect(constantTimeEquals(hash, hash.toUpperCase())).toBe(false)
    expect(constantTimeEquals(hash, `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`)).toBe(false)
  })

  it('is false, without throwing, for a different length', () => {
    expect(constantTimeEquals(hash, hash.slice(0, -1))).toBe(false)
    expect(constantTimeEquals(hash, `${hash}0`)).toBe(false)
    expect(constantTimeEquals(hash, '')).toBe(false)
  })
})
