/**
 * The large-capture test's child process: runs `cli audit` and reports, on its last stderr line
 * as JSON, the exit status, the output's summary line, how many lines it printed, its wall time
 * and its peak resident memory.
 */
import { runCli } from '../../../electron/cli/run-cli'

const started = performance.now()
let lines = 0
let last = ''
const status = await runCli(process.argv.slice(2), {
  stdout: {
    write: (text: string) => {
      lines += text.split('\n').length - 1
      last = text
    },
  },
  stderr: process.stderr,
  now: () => new Date(),
  color: false,
})
process.stderr.write(`${JSON.stringify({ status, lines, summary: JSON.parse(last) as unknown, ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
