import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import ExpiryCountdown from '../../src/components/ExpiryCountdown.vue'
import type { Expiry } from '../../electron/common/inspection'
import { spokenText } from './spoken-text'
import { isUtcThere } from '../../electron/common/time-words'
import type { SchemeId } from '../../electron/common/schemes'

enableAutoUnmount(afterEach)

const START = Date.parse('2026-06-01T09:00:00.000Z')

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(START)
})
afterEach(() => {
  vi.useRealTimers()
})

function expiresIn(seconds: number): Expiry {
  return { expiresAt: new Date(START + seconds * 1000).toISOString(), secondsLeft: seconds, status: 'valid' }
}

function mountCountdown(expiry: Expiry, scheme: SchemeId = 'ringcx', judgedAt = new Date(START).toISOString(), rejected = false) {
  return mount(ExpiryCountdown, { props: { expiry, scheme, judgedAt, rejected } })
}

const status = (wrapper: ReturnType<typeof mountCountdown>) => spokenText(wrapper.get('[data-test="expiry-status"]'))
/** The countdown as read, with its no-break spaces as plain ones. */
const countdown = (wrapper: ReturnType<typeof mountCountdown>) => wrapper.get('[data-test="countdown"]').text().replaceAll('\u00a0', ' ')

describe('ExpiryCountdown', () => {
  it('counts down every second and turns to expired at zero', async () => {
    const wrapper = mountCountdown(expiresIn(3), 'roxchat')
    expect(countdown(wrapper)).toBe('Expires in 3 seconds')
    expect(status(wrapper)).toBe('Expiring soon')

    await vi.advanceTimersByTimeAsync(1000)
    expect(countdown(wrapper)).toBe('Expires in 2 seconds')
    await vi.advanceTimersByTimeAsync(1000)
    expect(countdown(wrapper)).toBe('Expires in 1 second')
    expect(status(wrapper)).toBe('Expiring soon')

    await vi.advanceTimersByTimeAsync(1000)
    expect(countdown(wrapper)).toBe('Expired just now')
    expect(status(wrapper)).toBe('Expired')

    await vi.advanceTimersByTimeAsync(65_000)
    expect(countdown(wrapper)).toBe('Expired 1 minute, 5 seconds ago')
  })

  it('takes its clock from an injected now()', async () => {
    let clock = START
    const wrapper = mount(ExpiryCountdown, {
      props: { expiry: expiresIn(7200), scheme: 'ringcx', judgedAt: new Date(START).toISOString(), now: () => clock },
    })
    expect(countdown(wrapper)).toBe('Expires in 2 hours')
    expect(status(wrapper)).toBe('Valid')
    clock += 3601_000
    await vi.advanceTimersByTimeAsync(1000)
    expect(countdown(wrapper)).toBe('Expires in 59 minutes, 59 seconds')
    expect(status(wrapper)).toBe('Expiring soon')
  })

  it('shows the absolute time in local time and in UTC, or once where local time is UTC', () => {
    const expiresAt = '2100-01-01T00:00:00.000Z'
    const wrapper = mountCountdown({ expiresAt, secondsLeft: 1, status: 'valid' })
    const terms = wrapper.findAll('.times dt').map((term) => term.text())
    const times = wrapper.findAll('.times dd').map((cell) => cell.text())
    if (isUtcThere(expiresAt)) {
      expect(terms).toEqual(['Time'])
      expect(times[0]).toMatch(/2100.*UTC$/)
    } else {
      expect(terms).toEqual(['Local time', 'UTC'])
      expect(times[1]).toMatch(/2100.*UTC$/)
    }
  })

  it('follows the view’s clock when it is given one, and keeps no timer of its own', async () => {
    const wrapper = mount(ExpiryCountdown, { props: { expiry: expiresIn(5), scheme: 'ringcx', judgedAt: new Date(START).toISOString(), effectiveNow: START, toleranceSeconds: 10 } })
    expect(vi.getTimerCount()).toBe(0)
    expect(countdown(wrapper)).toBe('Expires in 5 seconds')
    await wrapper.setProps({ effectiveNow: START + 8000 })
    // Past exp, but RingCX still accepts the token for the clock tolerance.
    expect(countdown(wrapper)).toBe('Expired 3 seconds ago, still within the clock tolerance')
    expect(status(wrapper)).toBe('Expiring soon')
    await wrapper.setProps({ effectiveNow: START + 16_000 })
    expect(countdown(wrapper)).toBe('Expired 11 seconds ago')
    expect(status(wrapper)).toBe('Expired')
  })

  it('never shows a rejected identity’s time left as valid', () => {
    const wrapper = mountCountdown(expiresIn(86_400), 'ringcx', new Date(START).toISOString(), true)
    expect(status(wrapper)).toBe('Not accepted')
    expect(wrapper.get('[data-test="expiry-status"]').classes()).not.toContain('status-pill--valid')
    expect(countdown(wrapper)).toBe('Expires in 1 day')
    expect(wrapper.get('[data-test="not-accepted-note"]').text()).toContain('rejected for another reason')
  })

  it('still calls a rejected identity’s expiry what it is once it has run out', async () => {
    const wrapper = mountCountdown(expiresIn(2), 'ringcx', new Date(START).toISOString(), true)
    await vi.advanceTimersByTimeAsync(3000)
    expect(status(wrapper)).toBe('Expired')
    expect(wrapper.find('[data-test="not-accepted-note"]').exists()).toBe(false)
  })

  it('tells RingCX users under an hour that the website must issue a new token', async () => {
    const wrapper = mountCountdown(expiresIn(3602))
    expect(wrapper.find('[data-test="expiry-advice"]').exists()).toBe(false)
    await vi.advanceTimersByTimeAsync(3000)
    expect(wrapper.get('[data-test="expiry-advice"]').text()).toBe(
      'Less than an hour left: the website must issue a new token before the chat asks the visitor to refresh the page.',
    )
  })

  it('gives Rox.Chat no RingCX advice', () => {
    const wrapper = mountCountdown(expiresIn(600), 'roxchat')
    expect(wrapper.find('[data-test="expiry-advice"]').exists()).toBe(false)
    expect(wrapper.get('h3').text()).toBe('Visitor data expiry')
  })

  it('says so when there is no expiry', () => {
    const wrapper = mountCountdown({ expiresAt: null, secondsLeft: null, status: 'none' })
    expect(status(wrapper)).toBe('No expiry')
    expect(wrapper.find('[data-test="countdown"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('This identity carries no expiry time.')
  })

  it('runs a sample’s countdown from the sample’s own time', async () => {
    const sampleNow = '2026-01-01T00:00:00.000Z'
    const wrapper = mountCountdown({ expiresAt: '2026-01-01T00:15:00.000Z', secondsLeft: 900, status: 'expiring-soon' }, 'ringcx', sampleNow)
    expect(countdown(wrapper)).toBe('Expires in 15 minutes')
    expect(wrapper.text()).toContain('Judged at the sample’s own time')
    await vi.advanceTimersByTimeAsync(1000)
    expect(countdown(wrapper)).toBe('Expires in 14 minutes, 59 seconds')
  })

  it('stops its timer when removed', () => {
    const wrapper = mountCountdown(expiresIn(60))
    expect(vi.getTimerCount()).toBe(1)
    wrapper.unmount()
    expect(vi.getTimerCount()).toBe(0)
  })
})
