import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { isDebianLike, parseOsRelease } from '../../../src/install/apt.js'

const UBUNTU = `PRETTY_NAME="Ubuntu 24.04.2 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
ID=ubuntu
ID_LIKE=debian
`
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'
const MINT = 'ID=linuxmint\nID_LIKE="ubuntu debian"\n'

describe('os-release', () => {
  it('reads ID and ID_LIKE', () => {
    expect(parseOsRelease(UBUNTU)).toEqual(['ubuntu', 'debian'])
    expect(parseOsRelease(MINT)).toEqual(['linuxmint', 'ubuntu', 'debian'])
  })
  it('knows Debian and its derivatives, and nothing else', () => {
    expect(isDebianLike(UBUNTU)).toBe(true)
    expect(isDebianLike(MINT)).toBe(true)
    expect(isDebianLike(FEDORA)).toBe(false)
  })
  it('sees this machine (Debian 12) as Debian', () => {
    expect(isDebianLike(readFileSync('/etc/os-release', 'utf8'))).toBe(true)
  })
})
