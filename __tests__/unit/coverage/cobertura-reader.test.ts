import { describe, expect, it } from '@jest/globals'
import { parseCobertura } from '../../../src/coverage/cobertura-reader.js'
import { ReportParseError } from '../../../src/coverage/errors.js'
import { fileBranches, fileLines } from '../../../src/coverage/model.js'
import { summarize } from '../../../src/coverage/summary.js'
import { readFixture } from './helpers/fixtures.js'

const parse = (text: string) => parseCobertura(new TextEncoder().encode(text), 'coverage.xml')

function parseError(text: string): ReportParseError {
  try {
    parse(text)
  } catch (error) {
    expect(error).toBeInstanceOf(ReportParseError)
    return error as ReportParseError
  }
  throw new Error('expected a ReportParseError')
}

const document = (body: string, prolog = '<?xml version="1.0" ?>\n') =>
  `${prolog}<coverage line-rate="1" branch-rate="1" version="x" timestamp="0">\n` +
  `<sources><source>/repo</source><source>/repo/src</source></sources>\n<packages><package name="p"><classes>\n` +
  `${body}\n</classes></package></packages>\n</coverage>\n`

describe('parseCobertura', () => {
  it('reads class lines, branches from condition-coverage, methods and <source> roots', () => {
    const report = parse(
      document(
        '<class name="A" filename="pkg/a.py"><methods><method name="f" signature="(I)V" hits="3">' +
          '<lines><line number="2" hits="3"/><line number="3" hits="0"/></lines></method></methods>' +
          '<lines><line number="1" hits="1"/><line number="2" hits="3" branch="true" condition-coverage="50% (1/2)"/>' +
          '<line number="3" hits="0" branch="True" condition-coverage="0% (0/4)"><conditions><condition number="0" type="jump" coverage="0%"/></conditions></line>' +
          '</lines></class>'
      )
    )
    expect(report.sourceRoots).toEqual(['/repo', '/repo/src'])
    const file = report.files.get('pkg/a.py')!
    expect([...fileLines(file)]).toEqual([
      [1, 1],
      [2, 3],
      [3, 0]
    ])
    expect([...fileBranches(file)].map((b) => `${b.line}:${b.id}=${b.taken}`)).toEqual([
      '2:0=1',
      '2:1=0',
      '3:0=0',
      '3:1=0',
      '3:2=0',
      '3:3=0'
    ])
    expect(file.branchSource).toBe('cobertura')
    expect(file.functions).toEqual([
      { name: 'A::f(I)V', start: 2, end: undefined, hits: 3, key: 'A::f(I)V' }
    ])
  })

  it('adds up classes that share a file (Java inner classes, C# partial classes)', () => {
    const report = parse(
      document(
        '<class name="A" filename="A.java"><methods/><lines><line number="1" hits="1"/></lines></class>' +
          '<class name="A$B" filename="A.java"><methods/><lines><line number="5" hits="0"/><line number="1" hits="2"/></lines></class>'
      )
    )
    expect([...fileLines(report.files.get('A.java')!)]).toEqual([
      [1, 3],
      [5, 0]
    ])
  })

  it('reads the coverlet flavour: BOM, CRLF, backslash file names', () => {
    const report = parseCobertura(
      readFixture('corpus', 'dotnet_coverlet_edlib.cobertura.xml'),
      'coverlet.xml'
    )
    expect(report.sourceRoots).toEqual(['D:\\Dev\\Csharp\\EDlib\\src\\'])
    expect([...report.files.keys()]).toContain('EDlib\\Exceptions\\APIException.cs')
  })

  it('accepts a DOCTYPE naming the external DTD, without fetching it', () => {
    const prolog =
      '<?xml version="1.0"?>\n<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n'
    const report = parse(
      document('<class filename="a.c"><lines><line number="1" hits="1"/></lines></class>', prolog)
    )
    expect(summarize(report).totals.lines).toEqual({ found: 1, hit: 1 })
  })

  it('decodes the predefined entities and character references in names', () => {
    const report = parse(document('<class filename="a&amp;b&#x2F;c&#46;py"><lines/></class>'))
    expect([...report.files.keys()]).toEqual(['a&b/c.py'])
  })
})

describe('parseCobertura refuses hostile and broken XML in bounded time', () => {
  const laughs =
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
    Array.from(
      { length: 9 },
      (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`
    ).join('\n') +
    '\n]>\n<coverage><sources><source>&lol9;</source></sources></coverage>\n'
  const cases: Array<[string, string, number, RegExp]> = [
    ['billion laughs (internal subset)', laughs, 2, /internal DTD subset/],
    [
      'an external entity',
      '<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<coverage>&xxe;</coverage>',
      2,
      /internal DTD subset/
    ],
    [
      'an undeclared entity',
      document('<class filename="&xxe;"><lines/></class>'),
      5,
      /predefined entities/
    ],
    [
      'an ENTITY declaration in the body',
      '<coverage><!ENTITY x "y"></coverage>',
      1,
      /<!DOCTYPE or <!ENTITY/
    ],
    [
      'a mismatched end tag',
      '<coverage>\n<packages></package>\n</coverage>',
      2,
      /expected <\/packages>/
    ],
    ['an unclosed root', '<coverage>\n<packages>', 2, /expected <\/packages> before the end/],
    ['another root element', '<report/>', 1, /<coverage> root/],
    [
      'line number 0',
      document('<class filename="a"><lines><line number="0" hits="1"/></lines></class>'),
      5,
      /number= to be a whole number from 1/
    ],
    [
      'line 2^40',
      document(
        '<class filename="a"><lines><line number="1099511627776" hits="1"/></lines></class>'
      ),
      5,
      /number=/
    ],
    [
      'negative hits',
      document('<class filename="a"><lines><line number="1" hits="-1"/></lines></class>'),
      5,
      /hits= to be a whole number/
    ],
    [
      'fractional hits',
      document('<class filename="a"><lines><line number="1" hits="1.5"/></lines></class>'),
      5,
      /hits=/
    ],
    [
      'a line without hits',
      document('<class filename="a"><lines><line number="1"/></lines></class>'),
      5,
      /number= and hits=/
    ],
    [
      'more covered than total conditions',
      document(
        '<class filename="a"><lines><line number="1" hits="1" branch="true" condition-coverage="150% (3/2)"/></lines></class>'
      ),
      5,
      /covered ≤ total/
    ],
    [
      'a billion conditions on a line',
      document(
        '<class filename="a"><lines><line number="1" hits="1" branch="true" condition-coverage="0% (0/999999999)"/></lines></class>'
      ),
      5,
      /total ≤ 10000/
    ],
    [
      'a class without filename',
      document('<class name="x"><lines/></class>'),
      5,
      /filename attribute/
    ]
  ]
  for (const [name, text, line, message] of cases) {
    it(name, () => {
      // Refused in bounded time and memory: an expanding parser would take minutes and
      // gigabytes on these inputs, so the bounds are far from what a busy machine needs.
      const peakBefore = process.resourceUsage().maxRSS
      const started = performance.now()
      const error = parseError(text)
      expect(performance.now() - started).toBeLessThan(5000)
      expect((process.resourceUsage().maxRSS - peakBefore) / 1024).toBeLessThan(256)
      expect(error.file).toBe('coverage.xml')
      expect(error.line).toBe(line)
      expect(error.message).toMatch(message)
    })
  }

  it('refuses deep nesting before using deep memory', () => {
    const error = parseError(
      `<coverage>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</coverage>`
    )
    expect(error.message).toMatch(/at most 256 nested elements/)
  })
})
