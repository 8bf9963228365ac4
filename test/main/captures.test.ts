/**
 * The Captures view's services over the real key store: a capture picked in the dialog or
 * dropped (sent in chunks) is audited; the window gets compact rows, findings without any key,
 * and can open an identity in the Inspector; arguments are checked at the IPC edge.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { callService } from '../../electron/main/call-service'
import { buildMenuTemplate } from '../../electron/main/menu'
import { CAPTURE_CHUNK_BYTES, type CaptureAuditView } from '../../electron/shared/ipc-contract'
import { HS, JUDGED_AT, KEYS_MANIFEST, ROX, buildSession } from '../unit/capture/session'
import { Clock, harness, tempDir } from './helpers'

vi.mock('electron', () => ({ Menu: {}, clipboard: {} }))

async function setUp() {
  const clock = new Clock(JUDGED_AT)
  const h = await harness({ clock })
  const report = await h.services['keys:import-text']({ text: KEYS_MANIFEST, fileName: 'keys.json', acceptUnprotected: true })
  expect(report.imported).toBe(true)
  const dir = await tempDir()
  const session = await buildSession()
  const har = join(dir, 'session.har')
  await writeFile(har, session.har)
  return { ...h, har, session, filesDir: dir }
}

function expectNoSecret(value: unknown): void {
  const text = JSON.stringify(value).toLowerCase()
  for (const secret of [HS.secret, ROX.secret]) {
    const bytes = Buffer.from(secret)
    for (const form of [secret, bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')]) {
      for (let start = 0; start + 10 <= form.length; start++) expect(text).not.toContain(form.slice(start, start + 10).toLowerCase())
    }
  }
}

function expectSessionAudit(view: CaptureAuditView, name: string): void {
  expect(view.judgedAt).toBe(JUDGED_AT.toISOString())
  expect(view.summary).toEqual({ captures: 1, identities: 5, verified: 2, rejected: 3, leakedSecrets: 3, clientSideSigning: 1, skipped: 1 })
  expect(view.captures).toEqual([{ name, kind: 'har', entries: 8, problem: null }])
  expect(view.identities.map((row) => [row.index, row.scheme, row.verdict, row.commented, row.visitor, row.openable, row.location.entry])).toEqual([
    [0, 'ringcx', 'rejected', true, null, true, 0],
    [1, 'ringcx', 'rejected', false, 'u-1', true, 0],
    [2, 'ringcx', 'rejected', false, 'u-1', true, 1],
    [3, 'roxchat', 'verified', false, '42', true, 2],
    [4, 'ringcx', 'verified', false, 'u-1', true, 6],
  ])
  expect(view.identities[1]?.codes).toEqual(['ringcx-jwt-expired'])
  expect(view.identities.every((row) => row.location.capture === name)).toBe(true)
  expect(view.findings.map((finding) => finding.kind)).toEqual(['leaked-secret', 'client-side-signing', 'leaked-secret', 'leaked-secret'])
  expect(view.timelines.map((timeline) => [timeline.visitor, timeline.tokens.map((token) => token.renewal)])).toEqual([['u-1', [null, 'under-minimum']]])
  expect(view.notices).toEqual([`${name}: 1 binary body (images, fonts, media) was not searched.`])
  expectNoSecret(view)
}

describe('captures:open', () => {
  it('audits the files picked in the dialog, names them without their folder, and holds no key', async () => {
    const { services, dialogs, har } = await setUp()
    dialogs.captureFiles = [har]
    const view = await services['captures:open']({ pick: 'files' })
    expect(view).not.toBeNull()
    expectSessionAudit(view as CaptureAuditView, 'session.har')
  })

  it('walks a picked folder, naming files below it, and says which could not be read', async () => {
    const { services, dialogs, filesDir, session } = await setUp()
    const folder = join(filesDir, 'captures')
    await mkdir(join(folder, 'day-1'), { recursive: true })
    await writeFile(join(folder, 'day-1', 'session.har'), session.har)
    await writeFile(join(folder, 'broken.har'), '{"log":')
    dialogs.captureFolder = folder
    const view = (await services['captures:open']({ pick: 'folder' })) as CaptureAuditView
    expect(view.captures).toEqual([
      { name: join('captures', 'broken.har'), kind: 'har', entries: null, problem: expect.stringMatching(/ends before the HAR is complete/) },
      { name: join('captures', 'day-1', 'session.har'), kind: 'har', entries: 8, problem: null },
    ])
    expect(view.summary.identities).toBe(5)
  })

  it('answers null when the dialog is cancelled', async () => {
    const { services } = await setUp()
    expect(await services['captures:open']({ pick: 'files' })).toBeNull()
    expect(await services['captures:open']({ pick: 'folder' })).toBeNull()
  })
})

describe('captures:upload-*', () => {
  it('audits a dropped capture sent in chunks as the same audit', async () => {
    const { services, session } = await setUp()
    const bytes = Buffer.from(session.har)
    const { uploadId } = await services['captures:upload-start']({ fileName: 'C:\\Users\\qa\\dropped.har', bytes: bytes.length })
    for (let at = 0; at < bytes.length; at += CAPTURE_CHUNK_BYTES) {
      const chunk = bytes.subarray(at, at + CAPTURE_CHUNK_BYTES)
      expect((await services['captures:upload-chunk']({ uploadId, data: chunk.toString('base64') })).received).toBe(at + chunk.length)
    }
    const view = await services['captures:upload-finish']({ uploadId })
    expectSessionAudit(view, 'dropped.har')
  })

  it('refuses a chunk that is not base64, more bytes than announced, too few, and an upload a newer one replaced', async () => {
    const { services } = await setUp()
    const first = await services['captures:upload-start']({ fileName: 'a.har', bytes: 4 })
    await expect(services['captures:upload-chunk']({ uploadId: first.uploadId, data: 'not base64!' })).rejects.toMatchObject({ code: 'capture-upload-invalid' })
    await expect(services['captures:upload-chunk']({ uploadId: first.uploadId, data: Buffer.from('12345').toString('base64') })).rejects.toMatchObject({ code: 'capture-upload-invalid' })
    const second = await services['captures:upload-start']({ fileName: 'b.har', bytes: 4 })
    await services['captures:upload-chunk']({ uploadId: second.uploadId, data: Buffer.from('{}').toString('base64') })
    await expect(services['captures:upload-finish']({ uploadId: second.uploadId })).rejects.toMatchObject({ code: 'capture-upload-invalid' })
    const third = await services['captures:upload-start']({ fileName: 'c.har', bytes: 2 })
    await services['captures:upload-start']({ fileName: 'd.har', bytes: 2 })
    await expect(services['captures:upload-chunk']({ uploadId: third.uploadId, data: Buffer.from('{}').toString('base64') })).rejects.toMatchObject({ code: 'capture-upload-invalid' })
  })
})

describe('captures:open-identity', () => {
  it('inspects an identity again for the Inspector; a commented-out one stays commented out there', async () => {
    const { services, dialogs, har, session } = await setUp()
    dialogs.captureFiles = [har]
    const view = (await services['captures:open']({ pick: 'files' })) as CaptureAuditView
    const live = await services['captures:open-identity']({ auditId: view.auditId, index: 4 })
    expect(live).toMatchObject({ fileName: 'session.har', text: `_chatq.push(["_setSignedIdentity", "${session.tokens.renewed}"])`, inspection: { verdict: 'verified' } })
    const commented = await services['captures:open-identity']({ auditId: view.auditId, index: 0 })
    expect(commented.text).toBe(`/* _chatq.push(["_setSignedIdentity", "${session.tokens.old}"]) */`)
    expect(commented.inspection.errors.map((error) => error.code)).toEqual(['input-identity-commented-out'])
    await expect(services['captures:open-identity']({ auditId: view.auditId, index: 99 })).rejects.toMatchObject({ code: 'capture-not-found' })
    await expect(services['captures:open-identity']({ auditId: 'another-audit-id', index: 0 })).rejects.toMatchObject({ code: 'capture-not-found' })
  })
})

describe('the IPC edge', () => {
  it('checks every captures argument', async () => {
    const { services } = await setUp()
    const call = (channel: Parameters<typeof callService>[1], ...args: unknown[]) => callService(services, channel, args)
    expect(await call('captures:open', { pick: '/etc' })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await call('captures:open', { pick: 'files', path: '/etc/passwd' })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await call('captures:upload-start', { fileName: 'a.har', bytes: 3 * 1024 ** 3 })).toMatchObject({ ok: false, code: 'ipc-too-large' })
    expect(await call('captures:upload-start', { fileName: 'a\nb.har', bytes: 1 })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await call('captures:upload-chunk', { uploadId: 'x', data: 'AA==' })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await call('captures:upload-chunk', { uploadId: 'abcdefgh12345678', data: 'A'.repeat(1024 * 1024 + 8) })).toMatchObject({ ok: false, code: 'ipc-too-large' })
    expect(await call('captures:open-identity', { auditId: 'abcdefgh12345678', index: -1 })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
  })
})

describe('the menu', () => {
  it('opens captures from File and shows the Captures view from View', () => {
    const send = vi.fn()
    const items = buildMenuTemplate({ isPackaged: true, platform: 'linux', send }).flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []))
    const byLabel = (label: string) => items.find((item) => 'label' in item && item.label === label) as { accelerator?: string; click?: () => void }
    expect(byLabel('Open Capture…').accelerator).toBe('CmdOrCtrl+Shift+O')
    expect(byLabel('Captures').accelerator).toBe('CmdOrCtrl+4')
    byLabel('Open Capture…').click?.()
    byLabel('Captures').click?.()
    expect(send.mock.calls).toEqual([['menu:open-capture'], ['menu:show-view', 'captures']])
  })
})
