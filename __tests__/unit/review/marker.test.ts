import { describe, expect, it } from '@jest/globals'
import { bodyHasMarker, commentMarker, isCommentMarker } from '../../../src/review/marker.js'

describe('the comment marker', () => {
  it('names the job and the artifact (a matrix leg has its own)', () => {
    expect(commentMarker('coverage', 'mixed-coverage-coverage-0')).toBe(
      '<!-- mixed-coverage-comment job=coverage artifact=mixed-coverage-coverage-0 -->'
    )
    expect(commentMarker('coverage', 'mixed-coverage-coverage-1')).not.toBe(
      commentMarker('coverage', 'mixed-coverage-coverage-0')
    )
  })

  it('encodes anything that could end the HTML comment or the line', () => {
    const marker = commentMarker('a-->b', 'x --!> y\nz é')
    expect(marker).toBe(
      '<!-- mixed-coverage-comment job=a--%3Eb artifact=x%20--%21%3E%20y%0Az%20%C3%A9 -->'
    )
    expect(marker.indexOf('-->')).toBe(marker.length - 3)
    expect(isCommentMarker(marker)).toBe(true)
  })

  it('is the whole first line of the body, nothing else', () => {
    const marker = commentMarker('coverage', 'a')
    expect(bodyHasMarker(`${marker}\n\n## Coverage`, marker)).toBe(true)
    expect(bodyHasMarker(marker, marker)).toBe(true)
    expect(bodyHasMarker(`quote: ${marker}\n`, marker)).toBe(false)
    expect(bodyHasMarker(`${marker}x\n`, marker)).toBe(false)
    expect(isCommentMarker('<!-- mixed-coverage-comment job=a artifact=b --> <img>')).toBe(false)
    expect(isCommentMarker('<!-- other -->')).toBe(false)
  })
})
