// Loaded with `node --import` into a benchmarked process: its peak resident memory on exit, as
// one JSON line on standard error, measured by the process itself as the peer scripts measure theirs.
import { writeSync } from 'node:fs'

process.on('exit', () => {
  writeSync(2, `${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
})
