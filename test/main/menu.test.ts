import { clipboard, Menu, type MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { buildMenuTemplate, installAppMenu } from '../../electron/main/menu'

vi.mock('electron', () => ({
  Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
  clipboard: { readText: vi.fn(async () => 'eyJhbGciOiJIUzI1NiJ9.e30.sig') },
}))

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : [])])
}

function menu(isPackaged: boolean, platform: NodeJS.Platform = 'linux') {
  const send = vi.fn()
  const items = flatten(buildMenuTemplate({ isPackaged, platform, send }))
  const click = (label: string): void => {
    const item = items.find((candidate) => candidate.label === label)
    ;(item?.click as (() => void) | undefined)?.()
  }
  return { items, send, click }
}

describe('application menu', () => {
  it('has the usual shortcuts and sends its commands to the renderer', () => {
    const { items, send, click } = menu(true)
    const accelerators = Object.fromEntries(items.filter((item) => item.accelerator).map((item) => [item.label, item.accelerator]))
    expect(accelerators).toMatchObject({
      'Open Payload…': 'CmdOrCtrl+O',
      'Import Keys…': 'CmdOrCtrl+I',
      'Paste and Inspect': 'CmdOrCtrl+Shift+V',
      Inspector: 'CmdOrCtrl+1',
      Keys: 'CmdOrCtrl+2',
      Samples: 'CmdOrCtrl+3',
      Settings: 'CmdOrCtrl+,',
    })
    click('Open Payload…')
    click('Import Keys…')
    click('Keys')
    click('Samples')
    expect(send.mock.calls).toEqual([['menu:open-payload'], ['menu:import-keys'], ['menu:show-view', 'keys'], ['menu:show-view', 'samples']])
    expect(items.map((item) => item.role)).toContain('editMenu')
  })

  it('reads the clipboard in main for Paste and Inspect and sends its text along', async () => {
    const { send, click } = menu(true)
    click('Paste and Inspect')
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1))
    expect(send).toHaveBeenCalledWith('menu:paste-inspect', { text: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' })
  })

  it('sends only the size of clipboard text over 1 MiB', async () => {
    const big = 'é'.repeat(600 * 1024)
    vi.mocked(clipboard.readText).mockResolvedValueOnce(big)
    const { send, click } = menu(true)
    click('Paste and Inspect')
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1))
    expect(send).toHaveBeenCalledWith('menu:paste-inspect', { tooLarge: true, bytes: Buffer.byteLength(big, 'utf8') })
  })

  it('sends no text when the clipboard cannot be read as text', async () => {
    vi.mocked(clipboard.readText).mockRejectedValueOnce(new Error('not text'))
    const { send, click } = menu(true)
    click('Paste and Inspect')
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1))
    expect(send).toHaveBeenCalledWith('menu:paste-inspect', { text: '' })
  })

  it('offers reload and developer tools only when not packaged', () => {
    const devRoles = ['reload', 'forceReload', 'toggleDevTools']
    expect(menu(true).items.filter((item) => devRoles.includes(String(item.role)))).toEqual([])
    expect(menu(false).items.filter((item) => devRoles.includes(String(item.role))).map((item) => item.role)).toEqual(devRoles)
  })

  it('adds the app menu on macOS', () => {
    expect(menu(true, 'darwin').items[0]?.role).toBe('appMenu')
    expect(menu(true, 'win32').items[0]?.label).toBe('&File')
  })

  it('installs itself as the application menu', () => {
    installAppMenu({ isPackaged: true, platform: 'linux', send: vi.fn() })
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
  })
})
