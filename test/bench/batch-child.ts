/**
 * The benchmark's child process: runs `cli batch` over a folder and reports its wall time and
 * peak resident memory on stderr as JSON (stdout gets the batch output).
 */
import { runCli } from '../../electron/cli/run-cli'

const started = performance.now()
let lines = 0
const status = await runCli(process.argv.slice(2), {
  stdout: { write: (text: string) => { lines += text.split('\n').length - 1 } },
  stderr: process.stderr,
  now: () => new Date(),
  color: false,
})
process.stderr.write(`${JSON.stringify({ status, lines, ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
