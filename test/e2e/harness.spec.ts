/**
 * The harness itself is the app minus Electron: the app's CSP on the renderer, `window.api` shaped
 * as the preload shapes it, and requests answered by the real argument checks and services.
 */
import { CONTENT_SECURITY_POLICY } from '../../electron/main/app-protocol'
import { CHANNELS, MAX_IPC_TEXT_BYTES, verbName } from '../../electron/shared/ipc-contract'
import { expect, test } from './app-harness'
import { OWN_ROX_MANIFEST, roxchatVisitor } from './keys'
import { expectVerdict, fieldRow, inspectTyped, visitorPanel } from './screen'
import { DEMO_SECRETS, secretFragmentsIn } from './secrets'

type PageApi = Record<string, (...args: unknown[]) => Promise<unknown>>

test('the renderer is served with the Content-Security-Policy of the app:// protocol', async ({ app }) => {
  const response = await app.page.request.get(app.entryUrl)
  expect(response.status()).toBe(200)
  expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
  // The app handler's own path checks answer here too.
  expect((await app.page.request.get(app.entryUrl.replace('index.html', '..%2f..%2fpackage.json'))).status()).toBe(404)
})

test('window.api is frozen and holds one verb per contract channel plus onMenu', async ({ app }) => {
  await app.open()
  const shape = await app.page.evaluate(() => {
    const api = (window as unknown as { api: object }).api
    // As with the preload, the page gets named verbs, never the channel invoker itself.
    return { frozen: Object.isFrozen(api), names: Object.keys(api).sort(), invoker: '__visitorInspectorInvoke' in window }
  })
  expect(shape.frozen).toBe(true)
  expect(shape.names).toEqual([...CHANNELS.map(verbName), 'onMenu'].sort())
  expect(shape.invoker).toBe(false)
})

test('requests go through the real argument checks and come back in the result envelope', async ({ app }) => {
  await app.open()
  const answers = await app.page.evaluate(async (tooLarge) => {
    const api = (window as unknown as { api: PageApi }).api
    return {
      badKid: await api['keysRemove']?.({ scheme: 'ringcx', kid: 42, fingerprint: 'x' }),
      extraMember: await api['inspectPayload']?.({ text: 'x', evil: true }),
      tooLarge: await api['inspectPayload']?.({ text: 'x'.repeat(tooLarge) }),
      missing: await api['keysRemove']?.({ scheme: 'ringcx', kid: 'nobody', fingerprint: 'secret:none' }),
      list: await api['keysList']?.(),
    }
  }, MAX_IPC_TEXT_BYTES + 1)
  expect(answers.badKid).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
  expect(answers.extraMember).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
  expect(answers.tooLarge).toMatchObject({ ok: false, code: 'ipc-too-large' })
  expect(answers.missing).toMatchObject({ ok: false, code: 'key-not-found' })
  expect(answers.list).toEqual({ ok: true, value: [] })
})

test('menu commands reach the page as the preload delivers them', async ({ app }) => {
  const { page } = app
  await app.open()
  await app.menu('menu:show-view', 'settings')
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeFocused()
  await app.menu('menu:show-view', 'keys')
  await expect(page.getByRole('heading', { name: 'Keys', level: 2 })).toBeFocused()
  // File › Open Payload… goes back to the Inspector and opens the dialog.
  await app.menu('menu:open-payload')
  await expect(page.getByRole('heading', { name: 'Inspector', level: 2 })).toBeFocused()
  expect(app.dialogs.opened).toEqual(['pickPayloadFile'])
})

test('URLs in a payload are text: never fetched, and opened only on click, only https:, through main', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_ROX_MANIFEST, 'roxchat.json')
  const outbound: string[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith(new URL(app.entryUrl).origin)) outbound.push(request.url())
  })
  await app.open()
  const avatar = 'https://avatars.example.com/ann.png'
  await inspectTyped(page, roxchatVisitor({ id: '77', display_name: 'Ann', avatar_url: avatar, profile_url: 'http://example.com/ann' }, 2147483000))
  await expectVerdict(page, 'Verified')

  const panel = visitorPanel(page)
  await expect(fieldRow(panel, 'Avatar URL').value).toContainText(avatar)
  await expect(panel.getByRole('img')).toHaveCount(0)
  await expect(fieldRow(panel, 'Profile URL').value).toContainText('(not https: will not open)')
  await expect(fieldRow(panel, 'Profile URL').value.getByRole('button')).toHaveCount(0)

  await fieldRow(panel, 'Avatar URL').value.getByRole('button', { name: 'Open Avatar URL in your browser' }).click()
  await expect.poll(() => app.openedUrls).toEqual([avatar])
  expect(outbound).toEqual([])
})

test('the leak check itself finds a secret in any common encoding', () => {
  const secret = DEMO_SECRETS[0] ?? ''
  expect(secret.length).toBeGreaterThan(0)
  for (const form of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret, 'hex').toString('base64url'), `…${secret.slice(3, 17)}…`]) {
    expect(secretFragmentsIn({ value: { nested: [form] } }), form).not.toEqual([])
  }
  expect(secretFragmentsIn({ value: 'no secret here', fingerprint: 'secret:hd5yV4I2IWAGppoUuqv4uw' })).toEqual([])
})
