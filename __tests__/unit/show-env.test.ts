import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { instrumentedEnv } from '../../src/phases/env.js'
import { cmdUnquote, parseShowEnv, showEnvCommand, unquote } from '../../src/phases/show-env.js'

// Verbatim `cargo llvm-cov show-env --sh` of 0.9.1 on Linux (values with the unit separator
// \x1f are single-quoted).
const SHOW_ENV_SH = [
  "export LLVM_PROFILE_FILE='/work/demo/target/demo-%p-%2m.profraw'",
  'export __CARGO_LLVM_COV_RUSTC_WRAPPER=1',
  "export __CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS='-C\x1finstrument-coverage\x1f--cfg=coverage'",
  'export __CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES=demo_core,demo_core_tests,_native',
  'export RUSTC_WRAPPER=/root/.cargo/bin/cargo-llvm-cov',
  'export CARGO_LLVM_COV=1',
  'export CARGO_LLVM_COV_SHOW_ENV=1',
  'export CARGO_LLVM_COV_TARGET_DIR=/work/demo/target',
  'export CARGO_LLVM_COV_BUILD_DIR=/work/demo/target',
  ''
].join('\n')

// What 0.9.1 prints with --sh for a Windows workspace: these lines are the output of
// shell-escape 0.1.5's unix::escape (what --sh calls on every platform) for the values
// cargo-llvm-cov sets there, produced by a small program against that crate.
const WINDOWS_SH = [
  "export LLVM_PROFILE_FILE='D:\\a\\proj\\proj\\target\\proj-%p-%2m.profraw'",
  'export __CARGO_LLVM_COV_RUSTC_WRAPPER=1',
  "export __CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS='-C\x1finstrument-coverage\x1f--cfg=coverage'",
  'export __CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES=proj,proj_tests,_native',
  "export RUSTC_WRAPPER='C:\\Users\\runneradmin\\.cargo\\bin\\cargo-llvm-cov.exe'",
  'export CARGO_LLVM_COV=1',
  'export CARGO_LLVM_COV_SHOW_ENV=1',
  "export CARGO_LLVM_COV_TARGET_DIR='D:\\a\\proj\\proj\\target'",
  "export CARGO_LLVM_COV_BUILD_DIR='C:\\Users\\John O'\\''Neil\\My Projects'\\!'\\proj\\target\\'",
  ''
].join('\n')

// The same values through shell-escape's windows::escape: what 0.6's --export-prefix (and any
// version without a flag) prints on Windows without MSYSTEM.
const WINDOWS_CMD = [
  'export LLVM_PROFILE_FILE=D:\\a\\proj\\proj\\target\\proj-%p-%2m.profraw',
  'export RUSTC_WRAPPER=C:\\Users\\runneradmin\\.cargo\\bin\\cargo-llvm-cov.exe',
  'export CARGO_LLVM_COV_TARGET_DIR=D:\\a\\proj\\proj\\target',
  `export CARGO_LLVM_COV_BUILD_DIR="C:\\Users\\John O'Neil\\My Projects!\\proj\\target\\\\"`,
  ''
].join('\n')

const AWKWARD_DIR = "C:\\Users\\John O'Neil\\My Projects!\\proj\\target\\"

describe('parseShowEnv, --sh form', () => {
  it('reads every variable and removes the quoting', () => {
    const vars = parseShowEnv(SHOW_ENV_SH)
    expect(vars.LLVM_PROFILE_FILE).toBe('/work/demo/target/demo-%p-%2m.profraw')
    expect(vars.__CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS).toBe(
      '-C\x1finstrument-coverage\x1f--cfg=coverage'
    )
    expect(vars.RUSTC_WRAPPER).toBe('/root/.cargo/bin/cargo-llvm-cov')
    expect(Object.keys(vars)).toHaveLength(9)
  })

  it('keeps every backslash of Windows paths', () => {
    const vars = parseShowEnv(WINDOWS_SH, 'posix')
    expect(vars.CARGO_LLVM_COV_TARGET_DIR).toBe('D:\\a\\proj\\proj\\target')
    expect(vars.LLVM_PROFILE_FILE).toBe('D:\\a\\proj\\proj\\target\\proj-%p-%2m.profraw')
    expect(vars.RUSTC_WRAPPER).toBe('C:\\Users\\runneradmin\\.cargo\\bin\\cargo-llvm-cov.exe')
    expect(vars.CARGO_LLVM_COV_BUILD_DIR).toBe(AWKWARD_DIR)
  })

  it('accepts lines without export, CRLF line ends and comments', () => {
    expect(parseShowEnv("export A='x y'\r\nB=2\r\n# note\r\n\r\n")).toEqual({ A: 'x y', B: '2' })
  })

  it('reads a quoted value that spans lines', () => {
    expect(parseShowEnv("export A='one\ntwo'\nexport B=3\n")).toEqual({ A: 'one\ntwo', B: '3' })
  })

  it('refuses lines that are not assignments, and trailing words', () => {
    expect(() => parseShowEnv('warning: something\n')).toThrow(
      "unexpected line in 'cargo llvm-cov show-env' output: warning: something"
    )
    expect(() => parseShowEnv('A=x y\n')).toThrow(/unexpected line .*: A=x y$/)
  })
})

describe('parseShowEnv, cmd.exe form', () => {
  it('takes bare values verbatim and undoes the quoting of the others', () => {
    expect(parseShowEnv(WINDOWS_CMD, 'cmd')).toEqual({
      LLVM_PROFILE_FILE: 'D:\\a\\proj\\proj\\target\\proj-%p-%2m.profraw',
      RUSTC_WRAPPER: 'C:\\Users\\runneradmin\\.cargo\\bin\\cargo-llvm-cov.exe',
      CARGO_LLVM_COV_TARGET_DIR: 'D:\\a\\proj\\proj\\target',
      CARGO_LLVM_COV_BUILD_DIR: AWKWARD_DIR
    })
  })

  it('is what a POSIX reader gets wrong', () => {
    expect(parseShowEnv(WINDOWS_CMD, 'posix').CARGO_LLVM_COV_TARGET_DIR).toBe('D:aprojprojtarget')
  })
})

describe('unquote and cmdUnquote', () => {
  it('POSIX: escaped single quotes, double quotes, concatenation, escaped !', () => {
    expect(unquote("'it'\\''s'")).toBe("it's")
    expect(unquote('"a \\"b\\" $"')).toBe('a "b" $')
    expect(unquote("pre'mid'post")).toBe('premidpost')
    expect(unquote("'wow'\\!''")).toBe('wow!')
    expect(() => unquote("'open")).toThrow(/unterminated single quote/)
  })

  // Pairs from shell-escape 0.1.5's windows::escape (its own tests and our generator).
  it.each([
    ['--aaa=bbb-ccc', '--aaa=bbb-ccc'],
    ['"linker=gcc -L/foo -Wl,bar"', 'linker=gcc -L/foo -Wl,bar'],
    ['"--features=\\"default\\""', '--features="default"'],
    ['"\\path\\to\\my documents\\\\"', '\\path\\to\\my documents\\'],
    ['"say \\"hi\\"\\\\"', 'say "hi"\\'],
    ['"a\\\\\\\\\\"b"', 'a\\\\"b'],
    ['"tab\there"', 'tab\there'],
    ['""', '']
  ])('cmd: %s → %s', (quoted, value) => {
    expect(cmdUnquote(quoted)).toBe(value)
  })
})

describe('showEnvCommand', () => {
  it.each([
    ['0.9.1', 'linux', {}, ['show-env', '--sh'], 'posix'],
    ['0.9.1', 'win32', {}, ['show-env', '--sh'], 'posix'],
    ['0.7.0', 'win32', {}, ['show-env', '--sh'], 'posix'],
    ['0.6.24', 'linux', {}, ['show-env', '--export-prefix'], 'posix'],
    ['0.6.24', 'win32', {}, ['show-env', '--export-prefix'], 'cmd'],
    ['0.6.24', 'win32', { MSYSTEM: 'MINGW64' }, ['show-env', '--export-prefix'], 'posix']
  ] as const)('%s on %s %j: %j, %s quoting', (version, os, env, args, quoting) => {
    expect(showEnvCommand(version, os, env)).toEqual({ args, quoting })
  })
})

// The real cargo-llvm-cov of this machine, in a workspace whose directory name holds
// backslashes, a quote, a '!' and a space (legal on Linux): the characters a Windows path has.
const cargoLlvmCovVersion = (() => {
  try {
    return /cargo-llvm-cov (\d+\.\d+\.\d+)/.exec(
      execFileSync('cargo-llvm-cov', ['llvm-cov', '--version'], { encoding: 'utf8' })
    )?.[1]
  } catch {
    return undefined
  }
})()
const withTool = cargoLlvmCovVersion ? it : it.skip

describe('instrumentedEnv with the real cargo-llvm-cov', () => {
  withTool(
    "reads the target dir of a workspace at D:\\a\\it's my!proj exactly",
    async () => {
      const workspace = join(
        realpathSync(mkdtempSync(join(tmpdir(), 'mc-show-env-'))),
        "D:\\a\\it's my!proj"
      )
      mkdirSync(join(workspace, 'src'), { recursive: true })
      writeFileSync(
        join(workspace, 'Cargo.toml'),
        '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n[workspace]\n'
      )
      writeFileSync(join(workspace, 'src', 'lib.rs'), 'pub fn f() {}\n')
      // Under DENY_WARNINGS the deprecated --export-prefix would fail the command.
      const base = { ...process.env, CARGO_LLVM_COV_DENY_WARNINGS: '1' }
      const tool = { binary: 'cargo-llvm-cov', version: cargoLlvmCovVersion ?? '', origin: 'path' }
      const llvm = { llvmCov: 'llvm-cov', llvmProfdata: 'llvm-profdata', major: 22, origin: 'test' }
      const ienv = await instrumentedEnv(tool, llvm, workspace, base)
      expect(ienv.targetDir).toBe(join(workspace, 'target'))
      expect(ienv.env.CARGO_TARGET_DIR).toBe(join(workspace, 'target'))
      expect(ienv.variables.LLVM_PROFILE_FILE).toMatch(
        /^.*\/target\/D:\\a\\it's my!proj-%p-%\d+m\.profraw$/
      )
    },
    60_000
  )
})
