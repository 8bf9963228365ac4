import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import KeysView from '../../src/views/KeysView.vue'
import ImportConfirmDialog from '../../src/components/ImportConfirmDialog.vue'
import { useKeysStore } from '../../src/stores/keys'
import { useUiStore } from '../../src/stores/ui'
import { installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { importReport, keyStatus, storedKey } from './fixtures'
import { dropFiles, fileOfSize, pasteText } from './dom-events'
import { spokenText } from './spoken-text'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
})

async function mountKeys() {
  await useKeysStore().refresh()
  const wrapper = mount(KeysView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const button = (wrapper: Awaited<ReturnType<typeof mountKeys>>, text: string) => {
  const found = wrapper.findAll('button').find((candidate) => spokenText(candidate).startsWith(text))
  if (found === undefined) throw new Error(`no button "${text}"`)
  return found
}

describe('KeysView', () => {
  it('lists keys with scheme, Key ID, algorithm, shortened fingerprint, dates and match count', async () => {
    const wrapper = await mountKeys()
    const headers = wrapper.findAll('thead th').map((cell) => cell.text())
    expect(headers).toEqual(['Scheme', 'Key ID', 'Algorithm', 'Fingerprint', 'Added', 'Last matched', 'Matches', 'Actions'])
    const rows = wrapper.findAll('tbody tr')
    expect(rows).toHaveLength(3)
    const rsa = rows[1]!
    expect(rsa.text()).toContain('rsa_demo')
    expect(rsa.text()).toContain('DEMO')
    expect(rsa.text()).toContain('RS256 (2048 bits)')
    const fingerprint = rsa.get('.fingerprint')
    expect(fingerprint.text()).toBe('rsa:YlG2CbtqtU2WMg…')
    expect(fingerprint.attributes('title')).toBe('rsa:YlG2CbtqtU2WMgCtcp-R22bW04_kDFtm-wW705Q-y5Q')
    expect(rsa.text()).toContain('never')
  })

  it('flags rotation candidates, unreadable keys and plain-text secrets', async () => {
    bridge.keysList.mockImplementation(() => ok([
      storedKey({ kid: 'hs_2024', label: 'Old key', removalCandidate: true, matchCount: 4211, lastMatchedAt: '2025-06-01T08:00:00.000Z', storage: 'plain' }),
      storedKey({ scheme: 'roxchat', kid: 'rox_broken', label: '', unreadable: 'The OS keyring could not decrypt it.' }),
    ]))
    const wrapper = await mountKeys()
    const [stale, broken] = wrapper.findAll('tbody tr')
    expect(spokenText(stale!)).toContain('Not used for 30 days: candidate for removal')
    expect(spokenText(stale!)).toContain('Secret stored in plain text')
    expect(stale!.text()).toContain('4211')
    expect(spokenText(broken!)).toContain('Unreadable: The OS keyring could not decrypt it.')
  })

  it('warns prominently when secrets cannot be protected by the OS', async () => {
    bridge.keysStatus.mockImplementation(() => ok(keyStatus({ protection: 'basic-text', warning: 'No keyring: secrets are stored in plain text.', plainSecretCount: 2 })))
    const wrapper = await mountKeys()
    const warning = wrapper.get('[data-test="protection-warning"]')
    expect(warning.attributes('role')).toBe('alert')
    expect(warning.text()).toContain('Secrets are not protected by the operating system')
    expect(warning.text()).toContain('No keyring: secrets are stored in plain text.')
    expect(warning.text()).toContain('2 stored secrets are kept in plain text.')
  })

  it('shows no protection warning when the OS encrypts secrets', async () => {
    const wrapper = await mountKeys()
    expect(wrapper.find('[data-test="protection-warning"]').exists()).toBe(false)
  })

  it('tells the admin when a damaged store was moved aside', async () => {
    bridge.keysStatus.mockImplementation(() => ok(keyStatus({ quarantine: { movedTo: '/data/keystore.damaged-1.json', reason: 'The file is not valid JSON.' } })))
    const wrapper = await mountKeys()
    const notice = wrapper.get('[data-test="quarantine"]')
    expect(notice.text()).toContain('moved aside')
    expect(notice.text()).toContain('/data/keystore.damaged-1.json')
    expect(notice.text()).toContain('The file is not valid JSON.')
  })

  it('removes a key only after a confirmation that names its Key ID and fingerprint', async () => {
    const wrapper = await mountKeys()
    await wrapper.get('button[aria-label="Remove key rsa_demo"]').trigger('click')
    const dialog = wrapper.findAll('dialog').find((candidate) => candidate.text().includes('Remove this key?'))!
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    expect(dialog.text()).toContain('rsa_demo')
    expect(dialog.text()).toContain('rsa:YlG2CbtqtU2WMgCtcp-R22bW04_kDFtm-wW705Q-y5Q')
    expect(bridge.keysRemove).not.toHaveBeenCalled()

    await dialog.get('[data-test="confirm"]').trigger('click')
    await flushPromises()
    expect(bridge.keysRemove).toHaveBeenCalledWith({ scheme: 'ringcx', kid: 'rsa_demo', fingerprint: 'rsa:YlG2CbtqtU2WMgCtcp-R22bW04_kDFtm-wW705Q-y5Q' })
    expect((dialog.element as HTMLDialogElement).open).toBe(false)
  })

  it('keeps the key when removal is cancelled', async () => {
    const wrapper = await mountKeys()
    await wrapper.get('button[aria-label="Remove key hs_demo"]').trigger('click')
    const dialog = wrapper.findAll('dialog').find((candidate) => candidate.text().includes('Remove this key?'))!
    await dialog.findAll('button').find((candidate) => candidate.text() === 'Cancel')?.trigger('click')
    await flushPromises()
    expect(bridge.keysRemove).not.toHaveBeenCalled()
    expect((dialog.element as HTMLDialogElement).open).toBe(false)
  })

  it('imports key files through the dialog and shows the per-key report', async () => {
    const wrapper = await mountKeys()
    await button(wrapper, 'Import key files…').trigger('click')
    await flushPromises()
    expect(bridge.keysImportFiles).toHaveBeenCalledWith({})
    expect(wrapper.get('.import-report').text()).toContain('Imported 3 keys.')
  })

  it('imports a pasted bare secret with its scheme, Key ID and label', async () => {
    const wrapper = await mountKeys()
    await button(wrapper, 'Paste a key…').trigger('click')
    const form = wrapper.get('form.key-paste')
    await form.get('textarea').setValue('de305d54a75b431b8d0e11fe')
    await form.get('select').setValue('ringcx')
    const [kid, label] = form.findAll('input[type="text"]')
    await kid?.setValue('hs_2026')
    await label?.setValue('Main website')
    await form.trigger('submit')
    await flushPromises()
    expect(bridge.keysImportText).toHaveBeenCalledWith({ text: 'de305d54a75b431b8d0e11fe', scheme: 'ringcx', kid: 'hs_2026', label: 'Main website' })
    expect(wrapper.find('form.key-paste').exists()).toBe(false)
  })

  it('checks a typed Key ID against the scheme’s rule before sending', async () => {
    const wrapper = await mountKeys()
    await button(wrapper, 'Paste a key…').trigger('click')
    const form = wrapper.get('form.key-paste')
    await form.get('textarea').setValue('secret')
    await form.get('select').setValue('ringcx')
    await form.findAll('input[type="text"]')[0]?.setValue('Main Key')
    await form.trigger('submit')
    expect(form.text()).toContain('RingCX Key IDs use only a–z, 0–9 and _')
    expect(bridge.keysImportText).not.toHaveBeenCalled()
  })

  it('opens the paste form with text pasted outside any field', async () => {
    const wrapper = await mountKeys()
    pasteText(document.body, '{"keys":[]}')
    await flushPromises()
    expect((wrapper.get('form.key-paste textarea').element as HTMLTextAreaElement).value).toBe('{"keys":[]}')
  })

  it('imports dropped key files and refuses one over 1 MiB unread', async () => {
    const wrapper = await mountKeys()
    const small = fileOfSize('keys.json', 40, '{"keys":[]}')
    const huge = fileOfSize('dump.pem', 2 * 1024 * 1024)
    dropFiles(wrapper.get('.keys-view').element, [small, huge])
    await flushPromises()
    expect(bridge.keysImportText).toHaveBeenCalledTimes(1)
    expect(bridge.keysImportText).toHaveBeenCalledWith({ text: '{"keys":[]}', fileName: 'keys.json' })
    expect(huge.reads).toBe(0)
    expect(wrapper.get('[role="alert"]').text()).toContain('dump.pem is 2.0 MiB')
  })

  it('asks before replacing stored Key IDs and storing unprotected secrets, then confirms the same import', async () => {
    const waiting = importReport({
      fileName: 'new-keys.json',
      imported: false,
      duplicates: [{ scheme: 'ringcx', kid: 'hs_demo', storedFingerprint: 'secret:EIFS-wiD0s2Ej-EKU1yqnw', newFingerprint: 'secret:Zm9vYmFyYmF6cXV4MTIzNA' }],
      unprotectedSecrets: true,
      confirmToken: 'token-7',
    })
    bridge.keysImportFiles.mockImplementation(() => ok([waiting]))
    const wrapper = await mountKeys()
    const confirm = mount(ImportConfirmDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    await button(wrapper, 'Import key files…').trigger('click')
    await flushPromises()

    const dialog = confirm.get('dialog')
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    expect(dialog.text()).toContain('hs_demo')
    expect(dialog.text()).toContain('secret:Zm9vYmFyYmF6cXV4MTIzNA')
    expect(dialog.text()).toContain('would be saved in plain text')
    await dialog.get('[data-test="confirm"]').trigger('click')
    await flushPromises()
    expect(bridge.keysConfirmImport).toHaveBeenCalledWith({ token: 'token-7', replace: true, acceptUnprotected: true })
    expect(bridge.keysImportFiles).toHaveBeenCalledTimes(1)
    expect(wrapper.get('.import-report').text()).toContain('Imported 3 keys.')
  })

  it('stores nothing when the admin declines the confirmation', async () => {
    bridge.keysImportText.mockImplementation(() => ok(importReport({ imported: false, unprotectedSecrets: true, confirmToken: 'token-8' })))
    const wrapper = await mountKeys()
    const confirm = mount(ImportConfirmDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    await useKeysStore().importText({ text: '{"keys":[]}' })
    await flushPromises()
    await confirm.findAll('button').find((candidate) => candidate.text() === 'Don’t import')?.trigger('click')
    await flushPromises()
    expect(bridge.keysConfirmImport).not.toHaveBeenCalled()
    // The report that waited no longer applies: it goes, and the window says nothing was imported.
    expect(wrapper.find('.import-report').exists()).toBe(false)
    expect(useUiStore().notice).toBe('Nothing was imported.')
  })

  it('moves focus to the next key’s Remove button after a removal, and drops the reports about that key', async () => {
    bridge.keysImportFiles.mockImplementation(() => ok([importReport()]))
    const wrapper = await mountKeys()
    await button(wrapper, 'Import key files…').trigger('click')
    await flushPromises()
    expect(wrapper.find('.import-report').exists()).toBe(true)
    bridge.keysList.mockImplementation(() => ok(useKeysStore().keys.filter((key) => key.kid !== 'rsa_demo')))
    await wrapper.get('button[aria-label="Remove key rsa_demo"]').trigger('click')
    const dialog = wrapper.findAll('dialog').find((candidate) => candidate.text().includes('Remove this key?'))!
    await dialog.get('[data-test="confirm"]').trigger('click')
    await flushPromises()
    expect(document.activeElement?.getAttribute('aria-label')).toBe(`Remove key ${useKeysStore().keys[1]?.kid ?? ''}`)
    expect(wrapper.find('.import-report').exists()).toBe(false)
  })

  it('points to the Scheme and Key ID fields, not to command-line syntax, and drops that report once a scheme is chosen', async () => {
    bridge.keysImportFiles.mockImplementation(() => ok([importReport({
      fileName: 'website.pem',
      format: null,
      imported: false,
      entries: [{ index: 0, scheme: null, kid: null, ok: false, warnings: [],
        error: { code: 'key-scheme-invalid', message: 'a PEM file does not say its scheme; name it (for example ringcx:my_key=FILE)' } }],
    })]))
    const wrapper = await mountKeys()
    await button(wrapper, 'Import key files…').trigger('click')
    await flushPromises()
    const report = wrapper.get('.import-report')
    expect(report.text()).not.toContain('ringcx:my_key=FILE')
    expect(report.text()).toContain('This file does not say whose key it is')
    expect(report.text()).toContain('choose its Scheme')
    expect(report.get('[data-test="outcome"]').text()).toContain('Not imported: nothing from this file was stored.')
    await button(wrapper, 'Paste a key…').trigger('click')
    await wrapper.get('form.key-paste select').setValue('ringcx')
    await flushPromises()
    expect(wrapper.find('.import-report').exists()).toBe(false)
  })

  it('shows the demo offer when the store is empty', async () => {
    bridge.keysList.mockImplementation(() => ok([]))
    const wrapper = await mountKeys()
    expect(wrapper.find('table').exists()).toBe(false)
    await button(wrapper, 'Load the DEMO keys and examples').trigger('click')
    await flushPromises()
    expect(bridge.demoLoad).toHaveBeenCalledTimes(1)
  })
})
