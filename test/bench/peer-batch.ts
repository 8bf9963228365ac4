/**
 * The file batch side by side: our built bin, the bare node:crypto script, the same script with
 * its JWTs verified by jose (the floor under the rule that HS256 goes through jose) and the PyJWT
 * script a QA engineer would write (test/bench/peers/), over the same folder, each a process of its own
 * started and timed from here (start-up included), best of `rounds`, interleaved so that they
 * share the machine's disturbances. Then start-up: `help` and one `inspect` with a key file
 * against `node -e 0`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'

export const PYTHON = '/usr/bin/python3'

export interface ProcessRun {
  readonly ms: number
  readonly maxRssMb: number
  readonly lastLine: string
  readonly status: number | null
}

/**
 * Runs a process to its end, keeping only its last line of stdout and of stderr.
 *
 * Through a small /bin/sh that forks it: Linux counts the peak memory of a process from its fork,
 * so a process forked straight from this large one would report at least this one's size as its own
 * peak (getrusage's ru_maxrss survives exec). The shell costs each contender the same millisecond.
 */
export function timeProcess(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  const [file, argv] = existsSync('/bin/sh') ? ['/bin/sh', ['-c', '"$@"; exit $?', 'sh', command, ...args]] as const : [command, args] as const
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, NO_COLOR: '1', PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}` } })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out = (out + chunk).slice(-4096)))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err = (err + chunk).slice(-4096)))
    child.on('error', reject)
    child.on('close', (status) => {
      const ms = performance.now() - started
      const lastOf = (text: string): string => text.trim().split('\n').at(-1) ?? ''
      const rssLine = [lastOf(err), lastOf(out)].find((line) => line.includes('maxRssMb')) ?? '{}'
      resolve({ ms, status, lastLine: lastOf(out), maxRssMb: (JSON.parse(rssLine) as { maxRssMb?: number }).maxRssMb ?? Number.NaN })
    })
  })
}

/** Why the PyJWT row cannot run here, or null when Debian's python3 with PyJWT is present. */
export function pyjwtMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed (Debian: apt-get install python3 python3-jwt)`
  const probe = spawnSync(PYTHON, ['-c', 'import jwt'], { encoding: 'utf8' })
  return probe.status === 0 ? null : `${PYTHON} has no PyJWT (Debian: apt-get install python3-jwt)`
}

export interface PeerFigures {
  readonly oursMs: number
  readonly bareMs: number
  /** The bare script with jose's jwtVerify for the JWTs: no inspection, only the verification. */
  readonly joseFloorMs: number
  readonly pyjwtMs: number | null
  readonly oursRssMb: number
  readonly bareRssMb: number
  readonly pyjwtRssMb: number | null
  readonly pyjwtNote: string | null
}

/** The batch over `folder` (samples of HS256 JWTs and Rox.Chat visitors signed with the two secrets). */
export async function measurePeers(root: string, folder: string, keysFile: string, secrets: { ringcx: string; roxchat: string }, files: number, rounds: number): Promise<PeerFigures> {
  const bin = join(root, 'out', 'cli', 'visitor-inspector.mjs')
  const rss = join(root, 'test', 'bench', 'max-rss.mjs')
  const pyjwtNote = pyjwtMissing()
  const best = { ours: Number.POSITIVE_INFINITY, bare: Number.POSITIVE_INFINITY, joseFloor: Number.POSITIVE_INFINITY, pyjwt: Number.POSITIVE_INFINITY, oursRss: 0, bareRss: 0, pyjwtRss: 0 }
  const expectAll = (what: string, run: ProcessRun, check: (line: string) => boolean): void => {
    if (run.status !== 0 || !check(run.lastLine)) throw new Error(`${what} did not verify all ${files} files: status ${run.status}, ${run.lastLine}`)
  }
  const verifiedAll = (line: string): boolean => {
    const counts = JSON.parse(line) as { verified?: number; total?: number }
    return counts.verified === files && counts.total === files
  }
  for (let round = 0; round < rounds; round++) {
    // Started as an installed bin is, by its #! line (with its V8 flags), under the same Node.
    const ours = await timeProcess(bin, ['batch', folder, '--key', keysFile], root, { NODE_OPTIONS: `--import=${rss}` })
    expectAll('our batch', ours, (line) => line.startsWith(`${files} files: ${files} verified`))
    best.ours = Math.min(best.ours, ours.ms)
    best.oursRss = Math.max(best.oursRss, ours.maxRssMb)
    const bare = await timeProcess(process.execPath, [join(root, 'test', 'bench', 'peers', 'bare-batch.mjs'), folder, secrets.ringcx, secrets.roxchat], root)
    expectAll('the bare script', bare, verifiedAll)
    best.bare = Math.min(best.bare, bare.ms)
    best.bareRss = Math.max(best.bareRss, bare.maxRssMb)
    const joseFloor = await timeProcess(process.execPath, [join(root, 'test', 'bench', 'peers', 'jose-batch.mjs'), folder, secrets.ringcx, secrets.roxchat], root)
    expectAll('the bare script with jose', joseFloor, verifiedAll)
    best.joseFloor = Math.min(best.joseFloor, joseFloor.ms)
    if (pyjwtNote === null) {
      const pyjwt = await timeProcess(PYTHON, [join(root, 'test', 'bench', 'peers', 'pyjwt_batch.py'), folder, secrets.ringcx, secrets.roxchat], root)
      expectAll('the PyJWT script', pyjwt, verifiedAll)
      best.pyjwt = Math.min(best.pyjwt, pyjwt.ms)
      best.pyjwtRss = Math.max(best.pyjwtRss, pyjwt.maxRssMb)
    }
  }
  return {
    oursMs: best.ours,
    bareMs: best.bare,
    joseFloorMs: best.joseFloor,
    pyjwtMs: pyjwtNote === null ? best.pyjwt : null,
    oursRssMb: best.oursRss,
    bareRssMb: best.bareRss,
    pyjwtRssMb: pyjwtNote === null ? best.pyjwtRss : null,
    pyjwtNote,
  }
}

export interface StartupFigures {
  readonly nodeMs: number
  readonly helpMs: number
  readonly inspectMs: number
}

/** Start-up, best of `rounds` each, interleaved: `node -e 0`, `help`, one `inspect` with a key file. */
export async function measureStartup(root: string, rounds: number): Promise<StartupFigures> {
  const bin = join(root, 'out', 'cli', 'visitor-inspector.mjs')
  const examples = join(root, 'resources', 'examples')
  const best = { node: Number.POSITIVE_INFINITY, help: Number.POSITIVE_INFINITY, inspect: Number.POSITIVE_INFINITY }
  for (let round = 0; round < rounds; round++) {
    best.node = Math.min(best.node, (await timeProcess(process.execPath, ['-e', '0'], root)).ms)
    const help = await timeProcess(bin, ['help'], root)
    if (help.status !== 0) throw new Error('help failed')
    best.help = Math.min(best.help, help.ms)
    const inspect = await timeProcess(bin, ['inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--key', join(examples, 'demo-keys.json')], root)
    if (inspect.status !== 0) throw new Error('inspect did not verify the example')
    best.inspect = Math.min(best.inspect, inspect.ms)
  }
  return { nodeMs: best.node, helpMs: best.help, inspectMs: best.inspect }
}
