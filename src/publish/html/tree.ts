/**
 * The HTML report's directory tree: one page per directory, so a project of thousands of files
 * is read folder by folder instead of in one table. Pure.
 *
 * A report path never becomes a file name: every page gets a generated name (a number and a
 * slug of letters, digits, '.', '-' and '_'), so no path — '..', an absolute path, a name with
 * '<' or ':' — can place a page outside the report's directory or be refused by the artifact
 * service. Paths are only ever shown, escaped.
 */
import { addInto, emptyTotals, type Language, type Totals } from '../../coverage/index.js'
import type { FileFigures } from '../figures.js'

export interface TreeFile {
  /** Last segment of the path (the whole path when it has no segment). */
  name: string
  figures: FileFigures
  /** Page of the file, relative to the report's directory. */
  page: string
}

export interface TreeDirectory {
  /** Shown name: its segments below the parent (a chain of single folders is one entry). */
  name: string
  /** Full path as shown in the heading ('' for the root). */
  path: string
  /** Page of the directory, relative to the report's directory; the root is index.html. */
  page: string
  totals: Totals
  /** Files below it (at any depth) per language. */
  fileCounts: Record<Language, number>
  parent: TreeDirectory | undefined
  directories: TreeDirectory[]
  files: TreeFile[]
}

export const ROOT_PAGE = 'index.html'
/** The node that holds files outside the workspace (absolute paths), under the root. */
export const OUTSIDE_NAME = '(outside the workspace)'
const SLUG_CHARS = 40

/** The tree of `files` (in path order), each directory's totals summed from its files. */
export function buildTree(files: readonly FileFigures[]): TreeDirectory {
  const root = directoryNode('', '', ROOT_PAGE, undefined)
  let outside: TreeDirectory | undefined
  let directoryCount = 0
  const newDirectory = (parent: TreeDirectory, name: string): TreeDirectory => {
    // Below the outside node, paths are the absolute ones again.
    const path = parent === root || parent === outside ? name : `${parent.path}/${name}`
    const node = directoryNode(name, path, pageName('dirs', ++directoryCount, name), parent)
    parent.directories.push(node)
    return node
  }
  const children = new Map<TreeDirectory, Map<string, TreeDirectory>>()
  const child = (parent: TreeDirectory, name: string): TreeDirectory => {
    let byName = children.get(parent)
    if (!byName) children.set(parent, (byName = new Map()))
    let node = byName.get(name)
    if (!node) byName.set(name, (node = newDirectory(parent, name)))
    return node
  }
  files.forEach((figures, index) => {
    const segments = pathSegments(figures.path)
    const name = segments.pop() ?? figures.path
    if (figures.path.startsWith('/') && segments.length > 0) segments[0] = `/${segments[0]}`
    if (figures.outsideWorkspace) outside ??= child(root, OUTSIDE_NAME)
    let directory = figures.outsideWorkspace ? (outside as TreeDirectory) : root
    for (const segment of segments) directory = child(directory, segment)
    directory.files.push({ name, figures, page: pageName('files', index + 1, name) })
    for (let node: TreeDirectory | undefined = directory; node; node = node.parent) {
      addInto(node.totals, figures.totals)
      node.fileCounts[figures.language]++
    }
  })
  for (const directory of root.directories) {
    // The outside node keeps its name: its folders are collapsed, not it into them.
    if (directory === outside) directory.directories.forEach(collapseChains)
    else collapseChains(directory)
  }
  sortTree(root)
  return root
}

/** Segments of a report path; empty segments (a leading '/', '//') are dropped. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

/**
 * `<folder>/<n>-<slug>.html`: unique by its number, readable by its slug. The slug keeps ASCII
 * letters, digits, '.', '-' and '_' of the name (anything else becomes '_'), is cut to 40
 * characters and never starts with a dot.
 */
export function pageName(folder: 'dirs' | 'files', number: number, name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, SLUG_CHARS)
  return `${folder}/${number}${slug ? `-${slug}` : ''}.html`
}

/** Every directory of the tree, the root first, parents before children. */
export function* allDirectories(root: TreeDirectory): Generator<TreeDirectory> {
  const stack = [root]
  while (stack.length > 0) {
    const directory = stack.pop() as TreeDirectory
    yield directory
    for (let index = directory.directories.length - 1; index >= 0; index--) {
      stack.push(directory.directories[index] as TreeDirectory)
    }
  }
}

/** The directory and its ancestors, the root first (for breadcrumbs). */
export function ancestry(directory: TreeDirectory): TreeDirectory[] {
  const chain: TreeDirectory[] = []
  for (let node: TreeDirectory | undefined = directory; node; node = node.parent)
    chain.unshift(node)
  return chain
}

function directoryNode(
  name: string,
  path: string,
  page: string,
  parent: TreeDirectory | undefined
): TreeDirectory {
  return {
    name,
    path,
    page,
    totals: emptyTotals(),
    fileCounts: { rust: 0, python: 0, other: 0 },
    parent,
    directories: [],
    files: []
  }
}

/**
 * A folder whose only content is one folder becomes one entry (`examples/pyo3-demo`): a reader
 * does not click through pages that list one line each. The entry keeps the outer folder's
 * page name and takes the inner folder's path and content.
 */
function collapseChains(directory: TreeDirectory): void {
  while (directory.files.length === 0 && directory.directories.length === 1) {
    const only = directory.directories[0] as TreeDirectory
    directory.name = `${directory.name}/${only.name}`
    directory.path = only.path
    directory.directories = only.directories
    directory.files = only.files
    for (const grandchild of directory.directories) grandchild.parent = directory
  }
  for (const sub of directory.directories) collapseChains(sub)
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

function sortTree(root: TreeDirectory): void {
  for (const directory of allDirectories(root)) {
    directory.directories.sort(byName)
    directory.files.sort(byName)
  }
}
