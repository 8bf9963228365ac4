import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import type { CaptureAuditView } from '../../electron/shared/ipc-contract'
import { handleMenu } from '../../src/menu-routing'
import CapturesView from '../../src/views/CapturesView.vue'
import { useCapturesStore } from '../../src/stores/captures'
import { useInspectionStore } from '../../src/stores/inspection'
import { useUiStore } from '../../src/stores/ui'
import { failure, installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { ringcxVerified } from './fixtures'
import { spokenText } from './spoken-text'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

const location = { capture: 'session.har', entry: 2, url: 'https://www.example.com/app.js', part: 'response-body' as const, time: '2026-03-01T10:00:10.000Z', line: 5, column: 26 }

function auditView(): CaptureAuditView {
  return {
    auditId: 'audit-0001',
    judgedAt: '2026-03-01T12:00:00.000Z',
    captures: [{ name: 'session.har', kind: 'har', entries: 8, problem: null }, { name: 'broken.har', kind: 'har', entries: null, problem: 'the file ends before the HAR is complete' }],
    identities: [
      { index: 0, location: { ...location, entry: 0, line: 2, column: 27 }, formName: 'a _setSignedIdentity call', commented: true, scheme: 'ringcx', verdict: 'rejected', codes: ['input-identity-commented-out'], visitor: null, expiresAt: null, openable: true },
      { index: 1, location: { ...location, entry: 6 }, formName: 'a _setSignedIdentity call', commented: false, scheme: 'ringcx', verdict: 'verified', codes: [], visitor: 'u-1', expiresAt: '2026-03-01T15:00:00.000Z', openable: true },
    ],
    findings: [
      { kind: 'client-side-signing', scheme: 'roxchat', signal: 'hmac', location, evidence: 'roxchat_visitor.hash = CryptoJS.HmacSHA256(message, "[secret rox_site]")', commented: false },
      { kind: 'leaked-secret', scheme: 'roxchat', kid: 'rox_site', fingerprint: 'secret:abc', location: { ...location, part: 'request-body', parameter: 'k' }, encoding: 'base64' },
    ],
    timelines: [{
      capture: 'session.har', visitor: 'u-1', start: '2026-03-01T10:00:00.000Z', end: '2026-03-01T10:45:00.000Z', minExpirySeconds: 3600, lapsedAtEnd: false,
      tokens: [
        { identity: 0, seen: 2, firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-01T10:00:05.000Z', expiresAt: '2026-03-01T11:20:00.000Z', issuedAt: null, secondsLeftWhenSet: 4800, freshness: 'fresh', verdict: 'rejected', renewal: null },
        { identity: 1, seen: 1, firstSeen: '2026-03-01T10:30:00.000Z', lastSeen: '2026-03-01T10:30:00.000Z', expiresAt: '2026-03-01T15:00:00.000Z', issuedAt: null, secondsLeftWhenSet: 16200, freshness: 'fresh', verdict: 'verified', renewal: 'under-minimum' },
      ],
    }],
    notices: ['session.har: 1 binary body (images, fonts, media) was not searched.'],
    summary: { captures: 2, identities: 2, verified: 1, rejected: 1, leakedSecrets: 1, clientSideSigning: 1, skipped: 1 },
  }
}

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
})

async function mountCaptures() {
  const wrapper = mount(CapturesView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
type Wrapper = Awaited<ReturnType<typeof mountCaptures>>

const button = (wrapper: Wrapper, name: string) => {
  const found = wrapper.findAll('button').find((candidate) => spokenText(candidate).startsWith(name) || candidate.attributes('aria-label') === name)
  if (found === undefined) throw new Error(`no button ${name}`)
  return found
}

describe('CapturesView', () => {
  it('opens captures through main\'s dialog and shows the findings first, in red, before the identities', async () => {
    bridge.capturesOpen.mockImplementation(() => ok(auditView()))
    const wrapper = await mountCaptures()
    expect(wrapper.text()).toContain('Open a browser capture')
    await button(wrapper, 'Open captures…').trigger('click')
    await flushPromises()
    expect(bridge.capturesOpen).toHaveBeenCalledWith({ pick: 'files' })

    const findings = wrapper.get('[data-test="capture-findings"]')
    const html = wrapper.html()
    expect(html.indexOf('data-test="capture-findings"')).toBeLessThan(html.indexOf('data-test="capture-identity"'))
    const items = findings.findAll('[data-test="capture-finding"]').map((item) => spokenText(item))
    expect(items[0]).toContain('Leaked secret: Rox.Chat key rox_site, base64-encoded (fingerprint secret:abc)')
    expect(items[0]).toContain('In session.har · entry 2 · request body · parameter k · line 5, column 26, captured 2026-03-01 10:00:10 UTC')
    expect(items[1]).toContain('Client-side signing: an HMAC computed in page script builds the Rox.Chat identity')
    expect(items[1]).toContain('CryptoJS.HmacSHA256(message, "[secret rox_site]")')

    const rows = wrapper.findAll('[data-test="capture-identity"]').map((row) => row.findAll('th, td').map((cell) => spokenText(cell)))
    // The badge, the explanation and the codes are lines of their own (display: block).
    expect(rows[0]?.slice(0, 3)).toEqual(['1', 'Rejected · RingCXcommented out', 'a _setSignedIdentity callIn a comment: the page does not hand it to the chat.input-identity-commented-out'])
    expect(rows[1]?.slice(0, 5)).toEqual(['2', 'Verified · RingCX', 'a _setSignedIdentity call for u-1', 'session.har · entry 6 · response body · line 5, column 26https://www.example.com/app.js', '2026-03-01 10:00:10 UTC'])
    expect(spokenText(wrapper.get('[data-test="capture-summary"]'))).toBe('2 identities in session.har, broken.har: 1 verified, 1 rejected. Judged at 2026-03-01 12:00:00 UTC (your clock, not the capture\'s time).')
    expect(wrapper.get('[role="alert"]').text()).toContain('broken.har could not be read')
    expect(wrapper.get('[data-test="capture-notices"]').text()).toContain('1 binary body')

    const tokens = wrapper.findAll('[data-test="timeline-token"]').map((token) => spokenText(token))
    expect(tokens).toEqual([
      '2026-03-01 10:00:00 UTC token of identity 1, 1 h 20 min left (fresh when set, seen 2 times); now rejected',
      '2026-03-01 10:30:00 UTC token of identity 2, 4 h 30 min left (fresh when set); now verified Renewed late: the previous token had fallen under the minimum',
    ])
    expect(wrapper.get('[data-test="capture-timeline"] svg').attributes('aria-hidden')).toBe('true')
  })

  it('opens an identity in the Inspector, inspected again by main', async () => {
    bridge.capturesOpen.mockImplementation(() => ok(auditView()))
    const wrapper = await mountCaptures()
    await button(wrapper, 'Open captures…').trigger('click')
    await flushPromises()
    await button(wrapper, 'Open in Inspector: identity 2').trigger('click')
    await flushPromises()
    expect(bridge.capturesOpenIdentity).toHaveBeenCalledWith({ auditId: 'audit-0001', index: 1 })
    expect(useUiStore().view).toBe('inspector')
    expect(useInspectionStore().current).toEqual(ringcxVerified())
    expect(useInspectionStore().origin).toEqual({ kind: 'file', fileName: 'session.har · identity 2', demo: false })
  })

  it('sends a dropped capture in chunks, never a path, and shows main\'s audit', async () => {
    bridge.capturesUploadFinish.mockImplementation(() => ok(auditView()))
    bridge.capturesUploadChunk.mockImplementation((args) => ok({ received: atob(args.data).length }))
    const wrapper = await mountCaptures()
    const text = '{"log":{"entries":[]}}'.padEnd(700 * 1024, ' ')
    await useCapturesStore().auditFile(new File([text], 'dropped.har'))
    await flushPromises()
    expect(bridge.capturesUploadStart).toHaveBeenCalledWith({ fileName: 'dropped.har', bytes: text.length })
    const chunks = bridge.capturesUploadChunk.mock.calls.map(([args]) => atob(args.data))
    expect(chunks.map((chunk) => chunk.length)).toEqual([512 * 1024, text.length - 512 * 1024])
    expect(chunks.join('')).toBe(text)
    expect(bridge.capturesUploadFinish).toHaveBeenCalledWith({ uploadId: 'upload-0001' })
    expect(wrapper.findAll('[data-test="capture-identity"]')).toHaveLength(2)
  })

  it('says why an audit failed', async () => {
    bridge.capturesOpen.mockImplementation(() => failure('ipc-internal', 'broken'))
    const wrapper = await mountCaptures()
    await button(wrapper, 'Open folder…').trigger('click')
    await flushPromises()
    expect(bridge.capturesOpen).toHaveBeenCalledWith({ pick: 'folder' })
    expect(wrapper.text()).toContain('broken')
  })

  it('is where File › Open Capture… leads, opening the dialog', async () => {
    const ui = useUiStore()
    await handleMenu('menu:open-capture')
    expect(ui.view).toBe('captures')
    expect(bridge.capturesOpen).toHaveBeenCalledWith({ pick: 'files' })
  })
})
