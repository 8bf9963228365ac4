#!/usr/bin/env node
// Runs @doyensec/electronegativity over electron/ and fails on any finding that the reviewed
// allowlist (.ci/electronegativity-allowlist.json) does not list with a reason, on allowlist
// entries that no longer match anything, and on files the tool could not parse.
//
// The tool's command line always exits 0, and with `-o` it drops parse errors silently (a file it
// cannot read would simply have no findings), so its documented programmatic entry point is used:
// it returns the findings and the parse errors as data.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const input = join(root, 'electron')
const allowlistPath = join(root, '.ci', 'electronegativity-allowlist.json')
const require = createRequire(join(root, 'package.json'))

// Needs network and a package.json inside the scanned folder; Electron's version is kept
// current through package.json instead.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

function fail(lines) {
  for (const line of lines) console.error(`electronegativity: ${line}`)
  process.exit(1)
}

function readAllowlist() {
  let entries
  try {
    entries = JSON.parse(readFileSync(allowlistPath, 'utf8')).findings
  } catch (error) {
    fail([`cannot read ${relative(root, allowlistPath)}: ${error.message}`])
  }
  if (!Array.isArray(entries)) fail(['the allowlist needs a "findings" list'])
  const problems = []
  for (const [index, entry] of entries.entries()) {
    const where = `allowlist entry ${index}`
    if (typeof entry.rule !== 'string' || typeof entry.file !== 'string') problems.push(`${where}: needs "rule" and "file"`)
    if (!Number.isInteger(entry.occurrences) || entry.occurrences < 1) problems.push(`${where}: "occurrences" must be a whole number from 1`)
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20 || /\n/.test(entry.reason)) problems.push(`${where}: needs a one-line "reason"`)
  }
  if (problems.length > 0) fail(problems)
  return entries
}

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const run = require('@doyensec/electronegativity')
const result = await run({
  input,
  isRelative: true,
  electronVersionOverride: electronVersion,
  customScan: [],
  excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
  parserPlugins: [],
}, false)

const parseErrors = result.errors.filter((error) => !error.tolerable)
if (parseErrors.length > 0) {
  fail(parseErrors.map((error) => `could not parse ${relative(root, error.file)}: ${error.message} (its checks did not run)`))
}
for (const warning of result.errors.filter((error) => error.tolerable)) {
  console.warn(`electronegativity: tolerated a parse problem in ${relative(root, warning.file)}: ${warning.message}`)
}

/** `main/index.ts` (relative to electron/) → `electron/main/index.ts`; global findings have no file. */
const fileOf = (issue) => (issue.file === 'N/A' ? 'N/A' : `electron/${issue.file}`)
const keyOf = (rule, file) => `${rule} ${file}`

const found = new Map()
for (const issue of result.issues) {
  const key = keyOf(issue.id, fileOf(issue))
  const list = found.get(key) ?? []
  list.push(issue)
  found.set(key, list)
}

const allowlist = readAllowlist()
const allowed = new Map(allowlist.map((entry) => [keyOf(entry.rule, entry.file), entry]))
const problems = []
for (const [key, issues] of found) {
  const entry = allowed.get(key)
  const where = issues.map((issue) => `${fileOf(issue)}:${issue.location.line}`).join(', ')
  const description = typeof issues[0].description === 'string' ? issues[0].description : JSON.stringify(issues[0].description)
  if (entry === undefined) {
    problems.push(`new finding ${issues[0].id} at ${where}: ${description} (${issues[0].severity.name}, ${issues[0].confidence.name}); fix it or add it to the allowlist with a reason`)
  } else if (entry.occurrences !== issues.length) {
    problems.push(`${issues[0].id} in ${entry.file}: ${issues.length} occurrence(s) at ${where}, the allowlist reviewed ${entry.occurrences}; review and update the entry`)
  }
}
for (const [key, entry] of allowed) {
  if (!found.has(key)) problems.push(`allowlist entry ${entry.rule} in ${entry.file} matches nothing any more; remove it`)
}
if (problems.length > 0) fail(problems)

const total = [...found.values()].reduce((sum, issues) => sum + issues.length, 0)
console.log(`electronegativity: ${total} finding(s) in electron/ (Electron ${electronVersion}), all reviewed in ${relative(root, allowlistPath)}`)
