import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import InspectorView from '../../src/views/InspectorView.vue'
import { useKeysStore } from '../../src/stores/keys'
import { useSettingsStore } from '../../src/stores/settings'
import { installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { ringcxBadSignature, ringcxVerified } from './fixtures'
import { spokenText } from './spoken-text'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia
let writeText: ReturnType<typeof vi.fn<(text: string) => Promise<void>>>

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
  writeText = vi.fn(async () => undefined)
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
})

async function inspectedAs(fileName: string | null) {
  await Promise.all([useKeysStore().refresh(), useSettingsStore().load()])
  const wrapper = mount(InspectorView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  await wrapper.get('#payload-text').setValue('eyJ…')
  if (fileName === null) await wrapper.get('form.payload-input').trigger('submit')
  else {
    bridge.inspectOpenFile.mockImplementation(() => ok({ fileName, text: 'eyJ…', inspection: ringcxVerified() }))
    await wrapper.findAll('button').find((button) => button.text().startsWith('Open…'))?.trigger('click')
  }
  await flushPromises()
  return wrapper
}

const copyButton = (wrapper: Awaited<ReturnType<typeof inspectedAs>>) =>
  wrapper.findAll('button').find((button) => button.text() === 'Copy report for the website team')

describe('Copy report for the website team', () => {
  it('copies the redacted report of the inspection on screen and says so', async () => {
    const wrapper = await inspectedAs('token.jwt')
    const status = wrapper.get('[data-test="copy-report-status"]')
    expect(status.attributes('role')).toBe('status')
    expect(status.text()).toBe('')
    await copyButton(wrapper)?.trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledTimes(1)
    const report = writeText.mock.calls[0]?.[0] ?? ''
    expect(report).toContain('## Visitor identity check')
    expect(report).toContain('- Verdict: **verified**')
    expect(report).toContain('- Source: token.jwt')
    // The visitor id stays readable for the developers; every other value is masked.
    expect(report).toContain('`c0ffee00-1234-4abc-9def-000000000042`')
    expect(report).not.toContain('ann.lee@example.com')
    expect(report).not.toContain('Example Ltd')
    expect(report).toContain('a•••••••• (19 chars)')
    expect(spokenText(status)).toBe('Copied')
  })

  it('reports the codes and likely cause of a rejection, never the token’s signature', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxBadSignature()))
    const wrapper = await inspectedAs(null)
    await copyButton(wrapper)?.trigger('click')
    await flushPromises()
    const report = writeText.mock.calls[0]?.[0] ?? ''
    expect(report).toContain('`ringcx-jwt-bad-signature`')
    expect(report).toContain('### Likely cause')
    expect(report).not.toContain('mallory@example.com')
    expect(report).not.toContain('Source:')
  })

  it('says when the clipboard refuses the report', async () => {
    writeText.mockRejectedValue(new Error('denied'))
    const wrapper = await inspectedAs(null)
    await copyButton(wrapper)?.trigger('click')
    await flushPromises()
    const problem = wrapper.get('.copy-report [role="alert"]')
    expect(problem.text()).toContain('The report could not be copied')
    expect(problem.text()).toContain('clipboard-unwritable')
    expect(wrapper.get('[data-test="copy-report-status"]').text()).toBe('')
  })
})
