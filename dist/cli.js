import { createRequire as __mcCreateRequire } from 'node:module'; const require = __mcCreateRequire(import.meta.url);

// src/cli.ts
import { resolve as resolve2 } from "node:path";
import { parseArgs } from "node:util";

// src/coverage/model.ts
var NOT_EVALUATED = -1;
var PYTHON_EXTENSIONS = /* @__PURE__ */ new Set(["py", "pyx", "pyi"]);
function languageOf(path) {
  const dot = path.lastIndexOf(".");
  if (dot < 0 || dot < path.lastIndexOf("/")) return "other";
  const extension = path.slice(dot + 1).toLowerCase();
  if (extension === "rs") return "rust";
  return PYTHON_EXTENSIONS.has(extension) ? "python" : "other";
}
var EMPTY_BRANCHES = Object.freeze({
  lines: new Uint32Array(0),
  blocks: new Int32Array(0),
  ids: new Int32Array(0),
  labels: void 0,
  taken: new Float64Array(0)
});
function sortedFiles(report) {
  return [...report.files.values()].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

// src/coverage/errors.ts
var CoverageError = class extends Error {
  constructor(file, message) {
    super(message);
    this.file = file;
    this.name = "CoverageError";
  }
  file;
};
var ReportParseError = class extends CoverageError {
  constructor(file, line, detail) {
    super(file, `${file}:${line}: ${detail}`);
    this.line = line;
    this.detail = detail;
    this.name = "ReportParseError";
  }
  line;
  detail;
};
var ReportTooLargeError = class extends CoverageError {
  constructor(file, sizeBytes, capBytes) {
    const mb = (bytes) => String(Number((bytes / 1048576).toPrecision(3)));
    super(
      file,
      `${file}: report is ${mb(sizeBytes)} MB, over the ${mb(capBytes)} MB cap. Raise the cap with the action input \`max-report-size-mb\` or the CLI flag \`--max-size-mb\`.`
    );
    this.sizeBytes = sizeBytes;
    this.capBytes = capBytes;
    this.name = "ReportTooLargeError";
  }
  sizeBytes;
  capBytes;
};
var UnknownFormatError = class extends CoverageError {
  constructor(file, detail) {
    super(
      file,
      `${file}:1: not a coverage report the engine reads (lcov tracefile, Cobertura XML or coverage.py JSON): ${detail}`
    );
    this.name = "UnknownFormatError";
  }
};

// src/coverage/limits.ts
var MAX_LINE_NUMBER = 2 ** 24;
var MAX_COUNT = Number.MAX_SAFE_INTEGER;
var MAX_CONDITIONS_PER_LINE = 1e4;
var MAX_XML_DEPTH = 256;
var DEFAULT_MAX_REPORT_MB = 1024;
function megabytesToBytes(megabytes) {
  return Math.floor(megabytes * 1048576);
}
function checkReportSize(sizeBytes, file, options) {
  const cap = options?.maxBytes ?? megabytesToBytes(DEFAULT_MAX_REPORT_MB);
  if (sizeBytes > cap) throw new ReportTooLargeError(file, sizeBytes, cap);
}

// src/coverage/arena.ts
var LineArena = class {
  numbers;
  hits;
  length = 0;
  owner;
  constructor(capacity) {
    this.numbers = new Uint32Array(Math.max(16, capacity));
    this.hits = new Float64Array(Math.max(16, capacity));
  }
  /** Hands the end of the arena to `owner` (none: just close); returns where it starts. */
  take(owner) {
    this.owner?.closeStretch(this.length);
    this.owner = owner;
    return this.length;
  }
  grow() {
    const capacity = this.numbers.length * 2;
    const numbers = new Uint32Array(capacity);
    numbers.set(this.numbers);
    const hits = new Float64Array(capacity);
    hits.set(this.hits);
    this.numbers = numbers;
    this.hits = hits;
  }
};
var BranchArena = class {
  lines;
  blocks;
  ids;
  taken;
  /** Created on the first labelled outcome; aligned with the typed arrays. */
  labels;
  length = 0;
  owner;
  constructor(capacity) {
    const size = Math.max(16, capacity);
    this.lines = new Uint32Array(size);
    this.blocks = new Int32Array(size);
    this.ids = new Int32Array(size);
    this.taken = new Float64Array(size);
  }
  take(owner) {
    this.owner?.closeStretch(this.length);
    this.owner = owner;
    return this.length;
  }
  grow() {
    const capacity = this.lines.length * 2;
    const lines = new Uint32Array(capacity);
    lines.set(this.lines);
    const blocks = new Int32Array(capacity);
    blocks.set(this.blocks);
    const ids = new Int32Array(capacity);
    ids.set(this.ids);
    const taken = new Float64Array(capacity);
    taken.set(this.taken);
    this.lines = lines;
    this.blocks = blocks;
    this.ids = ids;
    this.taken = taken;
  }
  labelAt(index) {
    return this.labels === void 0 ? void 0 : this.labels[index];
  }
  setLabel(index, label) {
    if (label === void 0 && this.labels === void 0) return;
    this.labels ??= [];
    while (this.labels.length < index) this.labels.push(void 0);
    this.labels[index] = label;
  }
};
function createArenas(estimatedLines, estimatedBranches) {
  return { lines: new LineArena(estimatedLines), branches: new BranchArena(estimatedBranches) };
}

// src/coverage/counts.ts
function addCounts(a, b) {
  const sum = a + b;
  return sum > MAX_COUNT ? MAX_COUNT : sum;
}
function combineTaken(a, b) {
  if (a === NOT_EVALUATED) return b;
  if (b === NOT_EVALUATED) return a;
  return addCounts(a, b);
}

// src/coverage/stretches.ts
var Stretches = class {
  bounds = [];
  /** Start of the stretch being written, or -1. */
  openStart = -1;
  closeStretch(end) {
    if (this.openStart >= 0 && end > this.openStart) this.bounds.push(this.openStart, end);
    this.openStart = -1;
  }
  /** End of the last closed stretch (0 when none). */
  lastEnd() {
    return this.bounds.length === 0 ? 0 : this.bounds[this.bounds.length - 1];
  }
  baseStart() {
    return this.bounds[0] ?? 0;
  }
  baseEnd() {
    return this.bounds[1] ?? 0;
  }
  clear() {
    this.bounds.length = 0;
    this.openStart = -1;
  }
};

// src/coverage/table-sort.ts
function sortLineTable(numbers, hits) {
  const order = Array.from({ length: numbers.length }, (_, index) => index);
  order.sort((a, b) => numbers[a] - numbers[b] || a - b);
  const sortedNumbers = new Uint32Array(numbers.length);
  const sortedHits = new Float64Array(numbers.length);
  let count = 0;
  let saturated = false;
  for (const index of order) {
    const line = numbers[index];
    const value = hits[index];
    if (count > 0 && sortedNumbers[count - 1] === line) {
      const total = addCounts(sortedHits[count - 1], value);
      if (total === MAX_COUNT) saturated = true;
      sortedHits[count - 1] = total;
    } else {
      sortedNumbers[count] = line;
      sortedHits[count] = value;
      count++;
    }
  }
  return {
    numbers: sortedNumbers.subarray(0, count),
    hits: sortedHits.subarray(0, count),
    saturated
  };
}
function sortBranchTable(arena, bounds) {
  const order = [];
  for (let pair = 0; pair < bounds.length; pair += 2) {
    for (let index = bounds[pair]; index < bounds[pair + 1]; index++) {
      order.push(index);
    }
  }
  order.sort(
    (a, b) => arena.lines[a] - arena.lines[b] || arena.blocks[a] - arena.blocks[b] || arena.ids[a] - arena.ids[b] || compareOptional(arena.labelAt(a), arena.labelAt(b)) || a - b
  );
  const size = order.length;
  const lines = new Uint32Array(size);
  const blocks = new Int32Array(size);
  const ids = new Int32Array(size);
  const taken = new Float64Array(size);
  const labels = arena.labels === void 0 ? void 0 : [];
  let count = 0;
  let saturated = false;
  for (const index of order) {
    const last = count - 1;
    const label = arena.labelAt(index);
    if (count > 0 && lines[last] === arena.lines[index] && blocks[last] === arena.blocks[index] && ids[last] === arena.ids[index] && labels?.[last] === label) {
      const total = combineTaken(taken[last], arena.taken[index]);
      if (total === MAX_COUNT) saturated = true;
      taken[last] = total;
      continue;
    }
    lines[count] = arena.lines[index];
    blocks[count] = arena.blocks[index];
    ids[count] = arena.ids[index];
    taken[count] = arena.taken[index];
    labels?.push(label);
    count++;
  }
  return {
    table: {
      lines: lines.subarray(0, count),
      blocks: blocks.subarray(0, count),
      ids: ids.subarray(0, count),
      labels,
      taken: taken.subarray(0, count)
    },
    saturated
  };
}
function compareOptional(a, b) {
  if (a === b) return 0;
  if (a === void 0) return -1;
  if (b === void 0) return 1;
  return a < b ? -1 : 1;
}

// src/coverage/branch-stretches.ts
var BranchStretches = class {
  constructor(arena, onSaturated) {
    this.arena = arena;
    this.onSaturated = onSaturated;
  }
  arena;
  onSaturated;
  stretches = new Stretches();
  sorted = true;
  cursor = -1;
  beginRecord() {
    if (this.arena.owner === this.stretches) this.arena.take(void 0);
    this.cursor = this.sorted && this.stretches.bounds.length > 0 ? this.stretches.baseStart() : -1;
  }
  /**
   * For a reader's hot loop: the index of the base outcome the next one may match in place,
   * or -1 (appending, or labels in play). `matched` moves past it after the caller added.
   */
  get plainCursor() {
    return this.arena.labels === void 0 && this.cursor < this.stretches.baseEnd() ? this.cursor : -1;
  }
  matched(taken) {
    const cursor = this.cursor;
    this.arena.taken[cursor] = this.combine(this.arena.taken[cursor], taken);
    this.cursor = cursor + 1;
  }
  /** add() for an unlabelled outcome, with the common case first: the base's next outcome. */
  addPlain(line, block, id, taken) {
    const cursor = this.cursor;
    const arena = this.arena;
    if (cursor >= 0 && cursor < this.stretches.baseEnd() && arena.lines[cursor] === line && arena.blocks[cursor] === block && arena.ids[cursor] === id && arena.labels === void 0) {
      arena.taken[cursor] = this.combine(arena.taken[cursor], taken);
      this.cursor = cursor + 1;
      return;
    }
    this.add(line, block, id, void 0, taken);
  }
  add(line, block, id, label, taken) {
    const arena = this.arena;
    const own = this.stretches;
    if (this.cursor >= 0) {
      const end = own.baseEnd();
      let cursor = this.cursor;
      while (cursor < end && compareAt(arena, cursor, line, block, id, label) < 0) cursor++;
      this.cursor = cursor;
      if (cursor < end && compareAt(arena, cursor, line, block, id, label) === 0) {
        arena.taken[cursor] = this.combine(arena.taken[cursor], taken);
        this.cursor = cursor + 1;
        return;
      }
    }
    if (arena.owner !== own) own.openStart = arena.take(own);
    const count = arena.length;
    const inStretch = count > own.openStart;
    if (inStretch || own.bounds.length > 0) {
      const previous = inStretch ? count - 1 : own.lastEnd() - 1;
      const order = compareAt(arena, previous, line, block, id, label);
      if (order === 0 && inStretch) {
        arena.taken[previous] = this.combine(arena.taken[previous], taken);
        return;
      }
      if (order >= 0) this.sorted = false;
    }
    if (count === arena.lines.length) arena.grow();
    arena.lines[count] = line;
    arena.blocks[count] = block;
    arena.ids[count] = id;
    arena.taken[count] = taken;
    arena.setLabel(count, label);
    arena.length = count + 1;
  }
  /** Forgets every outcome (their arena space stays unused). */
  drop() {
    if (this.arena.owner === this.stretches) this.arena.take(void 0);
    this.stretches.clear();
    this.sorted = true;
    this.cursor = -1;
  }
  /** The file's sorted branch table: a view of the arena when it arrived in order. */
  build() {
    const arena = this.arena;
    if (arena.owner === this.stretches) arena.take(void 0);
    const bounds = this.stretches.bounds;
    if (bounds.length === 0) return EMPTY_BRANCHES;
    if (bounds.length === 2 && this.sorted) {
      const [start, end] = bounds;
      return {
        lines: arena.lines.subarray(start, end),
        blocks: arena.blocks.subarray(start, end),
        ids: arena.ids.subarray(start, end),
        labels: arena.labels === void 0 ? void 0 : labelsOf(arena, start, end),
        taken: arena.taken.subarray(start, end)
      };
    }
    const sorted = sortBranchTable(arena, bounds);
    if (sorted.saturated) this.onSaturated();
    return sorted.table;
  }
  combine(a, b) {
    const total = combineTaken(a, b);
    if (total === MAX_COUNT) this.onSaturated();
    return total;
  }
};
function labelsOf(arena, start, end) {
  const labels = [];
  for (let index = start; index < end; index++) labels.push(arena.labelAt(index));
  return labels;
}
function compareAt(arena, index, line, block, id, label) {
  return arena.lines[index] - line || arena.blocks[index] - block || arena.ids[index] - id || compareLabels(arena.labelAt(index), label);
}
function compareLabels(a, b) {
  if (a === b) return 0;
  if (a === void 0) return -1;
  if (b === void 0) return 1;
  return a < b ? -1 : 1;
}

// src/coverage/function-table.ts
var FunctionTable = class {
  byName = /* @__PURE__ */ new Map();
  order = [];
  cursor = 0;
  /** Set when a sum reached 2^53 - 1 and stopped there. */
  saturated = false;
  /** A new record of the file starts: expect its functions from the first again. */
  rewind() {
    this.cursor = 0;
  }
  get size() {
    return this.order.length;
  }
  /** Adds a function; `key` is only asked for when the name is new. */
  add(name, start, end, hits, key) {
    const existing = this.byName.get(name);
    if (existing !== void 0) {
      this.addHits(existing, hits);
      return;
    }
    const record = { name, start, end, hits, key: typeof key === "string" ? key : key(name, start) };
    this.byName.set(name, record);
    this.order.push(record);
  }
  addHits(record, hits) {
    const total = record.hits + hits;
    if (total >= MAX_COUNT) this.saturated = true;
    record.hits = Math.min(total, MAX_COUNT);
  }
  /** The next expected function when its (ASCII) name equals bytes [start, end) of `data`. */
  matchNext(data, start, end) {
    const record = this.order[this.cursor];
    if (record === void 0 || record.name.length !== end - start) return void 0;
    const name = record.name;
    for (let index = 0; index < name.length; index++) {
      const byte = data[start + index];
      if (byte !== name.charCodeAt(index) || byte >= 128) return void 0;
    }
    this.cursor++;
    return record;
  }
  /** Sorted by start line, then name (tracefiles usually list them so: then no sort). */
  list() {
    const order = this.order;
    let sorted = true;
    for (let index = 1; sorted && index < order.length; index++) {
      sorted = compareFunctions(order[index - 1], order[index]) < 0;
    }
    return sorted ? order.slice() : [...order].sort(compareFunctions);
  }
};
function compareFunctions(a, b) {
  return a.start - b.start || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

// src/coverage/file-builder.ts
var FileBuilder = class {
  constructor(path, arenas, order = 0) {
    this.path = path;
    this.arenas = arenas;
    this.order = order;
    this.branchStretches = new BranchStretches(arenas.branches, () => this.saturated = true);
  }
  path;
  arenas;
  order;
  lines = new Stretches();
  linesSorted = true;
  /** Next base index a line may match, or -1 when this record appends instead. */
  lineCursor = -1;
  branchStretches;
  functions = new FunctionTable();
  contexts;
  branchSource;
  /** Set by merges: true only when every contributing file lay outside the workspace. */
  outsideWorkspace;
  /** Set when a sum reached 2^53 - 1 and stopped there. */
  saturated = false;
  /** A new record (SF block, report) of this file starts: match it against the base. */
  beginRecord() {
    const arena = this.arenas.lines;
    if (arena.owner === this.lines) arena.take(void 0);
    this.lineCursor = this.linesSorted && this.lines.bounds.length > 0 ? this.lines.baseStart() : -1;
    this.branchStretches.beginRecord();
    this.functions.rewind();
  }
  /** Where the hot loop may add in place: [cursor, end) of the base, or cursor -1. */
  get matchCursor() {
    return this.lineCursor;
  }
  set matchCursor(cursor) {
    this.lineCursor = cursor;
  }
  get baseEnd() {
    return this.lines.baseEnd();
  }
  /** Hands the line arena to this file for appending (see plainLineRun). */
  claimLines() {
    const arena = this.arenas.lines;
    if (arena.owner !== this.lines) this.lines.openStart = arena.take(this.lines);
    return arena;
  }
  get lineArena() {
    return this.arenas.lines;
  }
  get lineStretchStart() {
    return this.lines.openStart;
  }
  /** For the first line of a new stretch: is it above every line this file wrote before? */
  followsEarlierLines(line) {
    const bounds = this.lines.bounds;
    return bounds.length === 0 || line > this.arenas.lines.numbers[this.lines.lastEnd() - 1];
  }
  lineOrderBroken() {
    this.linesSorted = false;
  }
  markSaturated() {
    this.saturated = true;
  }
  addLine(line, hits) {
    const arena = this.arenas.lines;
    if (this.lineCursor >= 0) {
      const numbers = arena.numbers;
      const end = this.lines.baseEnd();
      let cursor = this.lineCursor;
      while (cursor < end && numbers[cursor] < line) cursor++;
      this.lineCursor = cursor;
      if (cursor < end && numbers[cursor] === line) {
        arena.hits[cursor] = this.sum(arena.hits[cursor], hits);
        this.lineCursor = cursor + 1;
        return;
      }
    }
    this.claimLines();
    const count = arena.length;
    if (count > this.lines.openStart) {
      const last = arena.numbers[count - 1];
      if (line === last) {
        arena.hits[count - 1] = this.sum(arena.hits[count - 1], hits);
        return;
      }
      if (line < last) this.linesSorted = false;
    } else if (!this.followsEarlierLines(line)) {
      this.linesSorted = false;
    }
    if (count === arena.numbers.length) arena.grow();
    arena.numbers[count] = line;
    arena.hits[count] = hits;
    arena.length = count + 1;
  }
  /**
   * Adds a whole sorted, unique line table (a file of a parsed report): added element by
   * element when it equals the base (shards of one build), appended in one copy when it is
   * the file's first table, line by line otherwise.
   */
  addLineTable(numbers, hits) {
    const arena = this.arenas.lines;
    const start = this.lineCursor;
    if (start >= 0 && start === this.lines.baseStart() && this.lines.baseEnd() - start === numbers.length) {
      const base = arena.numbers.subarray(start, start + numbers.length);
      if (base.every((line, index) => line === numbers[index])) {
        for (let index = 0; index < numbers.length; index++) {
          arena.hits[start + index] = this.sum(
            arena.hits[start + index],
            hits[index]
          );
        }
        this.lineCursor = start + numbers.length;
        return;
      }
    }
    if (start < 0 && this.lines.bounds.length === 0 && numbers.length > 0) {
      this.claimLines();
      while (arena.length + numbers.length > arena.numbers.length) arena.grow();
      arena.numbers.set(numbers, arena.length);
      arena.hits.set(hits, arena.length);
      arena.length += numbers.length;
      return;
    }
    for (let index = 0; index < numbers.length; index++) {
      this.addLine(numbers[index], hits[index]);
    }
  }
  addBranch(line, block, id, label, taken) {
    if (label === void 0) this.branchStretches.addPlain(line, block, id, taken);
    else this.branchStretches.add(line, block, id, label, taken);
  }
  /** Forgets the branch data collected so far (another format's data takes precedence). */
  dropBranches() {
    this.branchStretches.drop();
    this.branchSource = void 0;
  }
  /** Adds a function; a name seen before keeps its first start/key and sums the hits. */
  addFunction(name, start, end, hits, key) {
    this.functions.add(name, start, end, hits, key);
  }
  addContexts(line, names) {
    this.contexts ??= /* @__PURE__ */ new Map();
    const existing = this.contexts.get(line);
    if (existing === void 0) this.contexts.set(line, [...names]);
    else for (const name of names) if (!existing.includes(name)) existing.push(name);
  }
  build() {
    const lines = this.buildLines();
    const branches = this.branchStretches.build();
    const functions = this.functions.list();
    if (this.functions.saturated) this.saturated = true;
    const contexts = this.contexts && new Map([...this.contexts].sort((a, b) => a[0] - b[0]));
    return {
      path: this.path,
      language: languageOf(this.path),
      outsideWorkspace: this.outsideWorkspace ?? false,
      lineNumbers: lines.numbers,
      lineHits: lines.hits,
      branches,
      branchSource: branches.lines.length === 0 ? void 0 : this.branchSource,
      functions,
      contexts
    };
  }
  buildLines() {
    const arena = this.arenas.lines;
    if (arena.owner === this.lines) arena.take(void 0);
    const bounds = this.lines.bounds;
    if (bounds.length === 2 && this.linesSorted) {
      return {
        numbers: arena.numbers.subarray(bounds[0], bounds[1]),
        hits: arena.hits.subarray(bounds[0], bounds[1])
      };
    }
    const table = gatherLines(arena, bounds);
    if (this.linesSorted) return table;
    const sorted = sortLineTable(table.numbers, table.hits);
    if (sorted.saturated) this.saturated = true;
    return sorted;
  }
  sum(a, b) {
    const total = addCounts(a, b);
    if (total === MAX_COUNT) this.saturated = true;
    return total;
  }
};
var NO_LINE_NUMBERS = new Uint32Array(0);
var NO_LINE_HITS = new Float64Array(0);
function gatherLines(arena, bounds) {
  if (bounds.length === 0) return { numbers: NO_LINE_NUMBERS, hits: NO_LINE_HITS };
  let total = 0;
  for (let index = 0; index < bounds.length; index += 2) {
    total += bounds[index + 1] - bounds[index];
  }
  const numbers = new Uint32Array(total);
  const hits = new Float64Array(total);
  let offset = 0;
  for (let index = 0; index < bounds.length; index += 2) {
    const start = bounds[index];
    const end = bounds[index + 1];
    numbers.set(arena.numbers.subarray(start, end), offset);
    hits.set(arena.hits.subarray(start, end), offset);
    offset += end - start;
  }
  return { numbers, hits };
}

// src/coverage/accumulator.ts
var BRANCH_PRECEDENCE = ["lcov", "coveragepy-json", "cobertura"];
var ReportAccumulator = class {
  builders = /* @__PURE__ */ new Map();
  /** Builders in the order their files first appeared, and the one a reader expects next. */
  order = [];
  expected = 0;
  arenas;
  sourceRoots = /* @__PURE__ */ new Set();
  notes = [];
  branchConflicts = /* @__PURE__ */ new Map();
  built = false;
  constructor(sizing = {}) {
    this.arenas = createArenas(sizing.lines ?? 1024, sizing.branches ?? 256);
  }
  /** The builder of `path`, starting a new record of it (a block, a report). */
  record(path) {
    if (this.built) throw new Error("ReportAccumulator: build() was already called");
    let builder = this.builders.get(path);
    if (builder === void 0) {
      builder = new FileBuilder(path, this.arenas, this.order.length);
      this.builders.set(path, builder);
      this.order.push(builder);
    }
    this.expected = builder.order + 1;
    builder.beginRecord();
    return builder;
  }
  /**
   * record() for the file whose path is bytes [start, end) of `data` when it is the file after
   * the previous record's one; undefined otherwise. Shards of one build list their files in the
   * same order, so every shard after the first finds its paths here without decoding them.
   * Only ASCII bytes match (a decoded string's UTF-16 units are not its UTF-8 bytes).
   */
  recordIfNext(data, start, end) {
    const builder = this.order[this.expected];
    if (this.built || builder === void 0 || builder.path.length !== end - start) return void 0;
    const path = builder.path;
    for (let index = 0; index < path.length; index++) {
      const byte = data[start + index];
      if (byte !== path.charCodeAt(index) || byte >= 128) return void 0;
    }
    this.expected++;
    builder.beginRecord();
    return builder;
  }
  addNotes(notes) {
    this.notes.push(...notes);
  }
  addSourceRoots(roots) {
    for (const root of roots) this.sourceRoots.add(root);
  }
  /** Adds every file of a parsed report. */
  add(report) {
    this.addNotes(report.notes);
    this.addSourceRoots(report.sourceRoots);
    for (const file of report.files.values()) this.addFile(file);
  }
  addFile(file) {
    const builder = this.record(file.path);
    builder.outsideWorkspace = (builder.outsideWorkspace ?? true) && file.outsideWorkspace;
    builder.addLineTable(file.lineNumbers, file.lineHits);
    if (file.branchSource !== void 0 && file.branches.lines.length > 0) {
      this.addBranches(builder, file, file.branchSource);
    }
    for (const record of file.functions) {
      builder.addFunction(record.name, record.start, record.end, record.hits, record.key);
    }
    for (const [line, names] of file.contexts ?? []) builder.addContexts(line, names);
  }
  build() {
    this.built = true;
    const files = /* @__PURE__ */ new Map();
    const saturated = [];
    for (const [path, builder] of this.builders) {
      files.set(path, builder.build());
      if (builder.saturated) saturated.push(path);
    }
    const notes = [...this.notes];
    for (const [path, { kept, dropped }] of this.branchConflicts) {
      notes.push(
        `${path}: branch data from ${kept} kept, from ${[...dropped].join(", ")} dropped (their branch identities cannot be added up)`
      );
    }
    if (saturated.length > 0) {
      notes.push(
        `counts in ${saturated.length} file(s) reached 2^53 - 1 and were capped there (first: ${saturated[0]})`
      );
    }
    return { files, sourceRoots: [...this.sourceRoots], notes };
  }
  addBranches(builder, file, incoming) {
    const existing = builder.branchSource;
    if (existing !== void 0 && existing !== incoming) {
      const incomingWins = BRANCH_PRECEDENCE.indexOf(incoming) < BRANCH_PRECEDENCE.indexOf(existing);
      const kept = incomingWins ? incoming : existing;
      const conflict = this.branchConflicts.get(file.path) ?? { kept, dropped: /* @__PURE__ */ new Set() };
      conflict.kept = kept;
      conflict.dropped.delete(kept);
      conflict.dropped.add(incomingWins ? existing : incoming);
      this.branchConflicts.set(file.path, conflict);
      if (!incomingWins) return;
      builder.dropBranches();
    }
    builder.branchSource = incoming;
    const table = file.branches;
    for (let index = 0; index < table.lines.length; index++) {
      builder.addBranch(
        table.lines[index],
        table.blocks[index],
        table.ids[index],
        table.labels?.[index],
        table.taken[index]
      );
    }
  }
};

// src/coverage/function-identity.ts
var DERIVED = "\0";
var LEGACY_RUST_HASH = /17h[0-9a-f]{16}E$/;
var V0_CLOSURE_TAIL = /(s[0-9A-Za-z]*_)?0(?:B[0-9A-Za-z]*_)?$/;
var LEGACY_CLOSURE = /\{\{closure\}\}|\$u7b\$\$u7b\$closure\$u7d\$\$u7d\$/;
function isRustSymbol(name) {
  const symbol = name.startsWith("__") ? name.slice(1) : name;
  return symbol.startsWith("_R") || symbol.startsWith("_ZN") && LEGACY_RUST_HASH.test(symbol);
}
function closureSignature(symbol) {
  if (symbol.startsWith("_ZN")) {
    const depth2 = symbol.split(LEGACY_CLOSURE).length - 1;
    return depth2 > 0 ? `${depth2}` : void 0;
  }
  let position = 2;
  while (symbol[position] === "I") position++;
  let depth = 0;
  while (symbol[position] === "N" && symbol[position + 1] === "C") {
    depth++;
    position += 2;
  }
  if (depth === 0) return void 0;
  const tail = V0_CLOSURE_TAIL.exec(symbol);
  return `${depth}${tail?.[1] ?? ""}`;
}
function rustFunctionKey(name, start) {
  const symbol = name.startsWith("__") ? name.slice(1) : name;
  const closure = closureSignature(symbol);
  return closure === void 0 ? `${DERIVED}L${start}` : `${DERIVED}L${start}|C${closure}`;
}
function lcovFunctionKey(name, start) {
  return isRustSymbol(name) ? rustFunctionKey(name, start) : name;
}
function aliasGroupKey(name, start, end) {
  return isRustSymbol(name) ? rustFunctionKey(name, start) : `${DERIVED}G${start},${end ?? ""}`;
}

// src/coverage/lcov-functions.ts
var LcovFunctionRecords = class {
  constructor(source) {
    this.source = source;
  }
  source;
  names = [];
  starts = [];
  ends = [];
  nameStarts = [];
  hits = [];
  /** The file's existing function each FN matched (by bytes), if any. */
  known = [];
  /** Entries in use; the arrays keep their length between records (shrinking them costs). */
  count = 0;
  expected = 0;
  byName;
  strayHits;
  groups = /* @__PURE__ */ new Map();
  aliases = [];
  undeclared = 0;
  aliasesWithoutGroup = 0;
  declare(name, start, end, at, known) {
    const index = this.count++;
    this.known[index] = known;
    this.names[index] = name;
    this.starts[index] = start;
    this.ends[index] = end;
    this.nameStarts[index] = at;
    this.hits[index] = 0;
    if (this.byName !== void 0 && !this.byName.has(name)) this.byName.set(name, index);
  }
  /**
   * Adds hits when the FNDA name bytes equal the next declared name (whose bytes start at its
   * `at` offset in the same data); false otherwise. A non-ASCII name never matches here (its
   * UTF-16 length differs from its byte length) and takes the decoding path.
   */
  addHitsToExpected(data, start, end, hits) {
    const index = this.expected;
    if (index >= this.count) return false;
    const name = this.names[index];
    if (end - start !== name.length) return false;
    const declaredAt = this.nameStarts[index];
    for (let offset = 0; offset < name.length; offset++) {
      if (data[start + offset] !== data[declaredAt + offset]) return false;
    }
    this.hits[index] = Math.min(this.hits[index] + hits, MAX_COUNT);
    this.expected = index + 1;
    return true;
  }
  addHits(name, hits) {
    if (this.byName === void 0) {
      this.byName = /* @__PURE__ */ new Map();
      for (let index2 = 0; index2 < this.count; index2++) {
        const declared = this.names[index2];
        if (!this.byName.has(declared)) this.byName.set(declared, index2);
      }
    }
    const index = this.byName.get(name);
    if (index !== void 0) {
      this.hits[index] = Math.min(this.hits[index] + hits, MAX_COUNT);
      return;
    }
    this.strayHits ??= /* @__PURE__ */ new Map();
    this.strayHits.set(name, Math.min((this.strayHits.get(name) ?? 0) + hits, MAX_COUNT));
  }
  declareGroup(index, start, end) {
    this.groups.set(index, { start, end });
  }
  addAlias(index, hits, name) {
    this.aliases.push({ index, hits, name });
  }
  /** Moves the record's functions into `file` and resets for the next record. */
  flushInto(file) {
    const count = this.count;
    for (let index = 0; index < count; index++) {
      const name = this.names[index];
      const start = this.starts[index];
      let hits = this.hits[index];
      const stray = this.strayHits?.get(name);
      if (stray !== void 0) {
        hits = Math.min(hits + stray, MAX_COUNT);
        this.strayHits?.delete(name);
      }
      const known = this.known[index];
      if (known !== void 0 && known.name === name) file.functions.addHits(known, hits);
      else file.functions.add(name, start, this.ends[index], hits, lcovFunctionKey);
    }
    this.undeclared += this.strayHits?.size ?? 0;
    for (const { index, hits, name } of this.aliases) {
      const group = this.groups.get(index);
      if (group === void 0) this.aliasesWithoutGroup++;
      else
        file.addFunction(
          name,
          group.start,
          group.end,
          hits,
          aliasGroupKey(name, group.start, group.end)
        );
    }
    this.reset();
  }
  notes() {
    const notes = [];
    if (this.undeclared > 0) {
      notes.push(`${this.source}: ${this.undeclared} FNDA records name no FN function; ignored`);
    }
    if (this.aliasesWithoutGroup > 0) {
      notes.push(`${this.source}: ${this.aliasesWithoutGroup} FNA records have no FNL; ignored`);
    }
    return notes;
  }
  reset() {
    this.count = 0;
    this.expected = 0;
    this.byName = void 0;
    this.strayHits = void 0;
    this.groups.clear();
    this.aliases.length = 0;
  }
};

// src/coverage/bytes.ts
var NEWLINE = 10;
var CARRIAGE_RETURN = 13;
var SPACE = 32;
var TAB = 9;
var COMMA = 44;
var COLON = 58;
var utf8 = new TextDecoder("utf-8");
function decodeText(data, start, end) {
  return utf8.decode(data.subarray(start, end));
}
function lineNumberAt(data, offset) {
  let line = 1;
  let position = data.indexOf(NEWLINE);
  while (position >= 0 && position < offset) {
    line++;
    position = data.indexOf(NEWLINE, position + 1);
  }
  return line;
}
function quoteLineAt(data, offset, limit = 60) {
  let start = offset;
  while (start > 0 && data[start - 1] !== NEWLINE) start--;
  let end = data.indexOf(NEWLINE, start);
  if (end < 0) end = data.length;
  if (end > start && data[end - 1] === CARRIAGE_RETURN) end--;
  const shown = Math.min(end, start + limit);
  let text = "";
  for (let index = start; index < shown; index++) {
    const byte = data[index];
    text += byte >= 32 && byte < 127 ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return `"${text}${end > shown ? "\u2026" : ""}"`;
}
function hasControlCharacter(text) {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 32 || code === 127) return true;
  }
  return false;
}

// src/coverage/byte-cursor.ts
var ByteCursor = class {
  constructor(data, source) {
    this.data = data;
    this.source = source;
  }
  data;
  source;
  position = 0;
  /** Unsigned decimal of at most `maxDigits` digits at the cursor; -1 when absent or too long. */
  unsigned(maxDigits) {
    const data = this.data;
    const length = data.length;
    const start = this.position;
    let position = start;
    let value = 0;
    while (position < length) {
      const digit = data[position] - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      position++;
    }
    this.position = position;
    return position === start || position - start > maxDigits ? -1 : value;
  }
  /** A line number 1..MAX_LINE_NUMBER at the cursor, or a parse error showing `shape`. */
  lineNumber(shape) {
    const start = this.position;
    const line = this.unsigned(9);
    if (line < 1 || line > MAX_LINE_NUMBER) {
      this.fail(start, `expected ${shape} with a line number from 1 to ${MAX_LINE_NUMBER}`);
    }
    return line;
  }
  /** A whole count 0..2^53-1 at the cursor, or a parse error showing `shape`. */
  count(shape) {
    const start = this.position;
    const value = this.unsigned(16);
    if (value < 0 || value > MAX_COUNT) {
      this.fail(start, `expected ${shape} with a whole count from 0 to ${MAX_COUNT}`);
    }
    return value;
  }
  expectComma(shape) {
    if (this.data[this.position] !== COMMA) this.fail(this.position, `expected ${shape}`);
    this.position++;
  }
  /** Accepts trailing blanks, then LF, CRLF or the end of the data. */
  expectEndOfLine(position, shape) {
    const data = this.data;
    while (data[position] === SPACE || data[position] === TAB) position++;
    if (position >= data.length) {
      this.position = data.length;
    } else if (data[position] === NEWLINE) {
      this.position = position + 1;
    } else if (data[position] === CARRIAGE_RETURN && data[position + 1] === NEWLINE) {
      this.position = position + 2;
    } else {
      this.fail(position, `expected ${shape}`);
    }
  }
  /** Moves past the current line; returns where its content ends (before CR/LF). */
  restOfLine(from = this.position) {
    const data = this.data;
    let newline = from;
    const shortEnd = Math.min(data.length, from + 64);
    while (newline < shortEnd && data[newline] !== NEWLINE) newline++;
    if (newline === shortEnd && shortEnd < data.length) newline = data.indexOf(NEWLINE, shortEnd);
    if (newline < 0) newline = data.length;
    this.position = newline + 1;
    return newline > from && data[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
  }
  /** True when the bytes at `start` are `tag` followed by a colon. */
  tagIs(start, tag) {
    for (let index = 0; index < tag.length; index++) {
      if (this.data[start + index] !== tag.charCodeAt(index)) return false;
    }
    return this.data[start + tag.length] === COLON;
  }
  digitsThenComma(position) {
    const data = this.data;
    const start = position;
    while (position < data.length && data[position] >= 48 && data[position] <= 57) {
      position++;
    }
    return position > start && data[position] === COMMA;
  }
  matches(start, bytes) {
    for (let index = 0; index < bytes.length; index++) {
      if (this.data[start + index] !== bytes[index]) return false;
    }
    return true;
  }
  fail(offset, expected) {
    const line = lineNumberAt(this.data, offset);
    throw new ReportParseError(
      this.source,
      line,
      `${expected}; found ${quoteLineAt(this.data, offset)}`
    );
  }
};

// src/coverage/lcov-runs.ts
function lineEnd(data, position) {
  const byte = data[position];
  if (byte === NEWLINE) return position + 1;
  if (byte === CARRIAGE_RETURN && data[position + 1] === NEWLINE) return position + 2;
  return -1;
}
function plainLineRun(data, start, file) {
  return file.matchCursor >= 0 ? matchedLineRun(data, start, file) : appendedLineRun(data, start, file);
}
function matchedLineRun(data, start, file) {
  const arena = file.lineArena;
  let numbers = arena.numbers;
  let hits = arena.hits;
  const end = file.baseEnd;
  let cursor = file.matchCursor;
  let position = start;
  while (data[position] === 68 && data[position + 1] === 65 && data[position + 2] === COLON) {
    let at = position + 3;
    let line = 0;
    let byte = data[at];
    while (byte >= 48 && byte <= 57) {
      line = line * 10 + byte - 48;
      byte = data[++at];
    }
    if (byte !== COMMA || at === position + 3 || at > position + 11 || line < 1 || line > MAX_LINE_NUMBER)
      break;
    const hitsStart = ++at;
    let value = 0;
    byte = data[at];
    while (byte >= 48 && byte <= 57) {
      value = value * 10 + byte - 48;
      byte = data[++at];
    }
    if (at === hitsStart || at > hitsStart + 15) break;
    if (byte === NEWLINE) position = at + 1;
    else if (byte === CARRIAGE_RETURN && data[at + 1] === NEWLINE) position = at + 2;
    else break;
    while (cursor < end && numbers[cursor] < line) cursor++;
    if (cursor < end && numbers[cursor] === line) {
      const total = hits[cursor] + value;
      if (total >= MAX_COUNT) file.markSaturated();
      hits[cursor++] = Math.min(total, MAX_COUNT);
    } else {
      file.matchCursor = cursor;
      file.addLine(line, value);
      cursor = file.matchCursor;
      numbers = arena.numbers;
      hits = arena.hits;
    }
  }
  file.matchCursor = cursor;
  return position;
}
function appendedLineRun(data, start, file) {
  const arena = file.claimLines();
  let numbers = arena.numbers;
  let hits = arena.hits;
  let count = arena.length;
  const stretchStart = file.lineStretchStart;
  let position = start;
  while (data[position] === 68 && data[position + 1] === 65 && data[position + 2] === COLON) {
    let at = position + 3;
    let line = 0;
    let byte = data[at];
    while (byte >= 48 && byte <= 57) {
      line = line * 10 + byte - 48;
      byte = data[++at];
    }
    if (byte !== COMMA || at === position + 3 || at > position + 11 || line < 1 || line > MAX_LINE_NUMBER)
      break;
    const hitsStart = ++at;
    let value = 0;
    byte = data[at];
    while (byte >= 48 && byte <= 57) {
      value = value * 10 + byte - 48;
      byte = data[++at];
    }
    if (at === hitsStart || at > hitsStart + 15) break;
    if (byte === NEWLINE) position = at + 1;
    else if (byte === CARRIAGE_RETURN && data[at + 1] === NEWLINE) position = at + 2;
    else break;
    if (count > stretchStart) {
      const last = numbers[count - 1];
      if (line === last) {
        const total = hits[count - 1] + value;
        if (total >= MAX_COUNT) file.markSaturated();
        hits[count - 1] = Math.min(total, MAX_COUNT);
        continue;
      }
      if (line < last) file.lineOrderBroken();
    } else if (!file.followsEarlierLines(line)) {
      file.lineOrderBroken();
    }
    if (count === numbers.length) {
      arena.length = count;
      arena.grow();
      numbers = arena.numbers;
      hits = arena.hits;
    }
    numbers[count] = line;
    hits[count] = value;
    count++;
  }
  arena.length = count;
  return position;
}
var BRANCH_FIELDS = new Int32Array(3);
function plainBranchRun(data, start, file) {
  const branches = file.branchStretches;
  const arena = branches.arena;
  const fields = BRANCH_FIELDS;
  let position = start;
  while (data[position] === 66 && data[position + 1] === 82 && data[position + 2] === 68 && data[position + 3] === 65 && data[position + 4] === COLON) {
    let at = position + 5;
    let valid = true;
    for (let field = 0; field < 3 && valid; field++) {
      const fieldStart = at;
      let value = 0;
      let byte = data[at];
      while (byte >= 48 && byte <= 57) {
        value = value * 10 + byte - 48;
        byte = data[++at];
      }
      valid = byte === COMMA && at > fieldStart && at - fieldStart <= 9;
      fields[field] = value;
      at++;
    }
    const line = fields[0];
    if (!valid || line < 1 || line > MAX_LINE_NUMBER) break;
    let taken = 0;
    if (data[at] === 45) {
      taken = NOT_EVALUATED;
      at++;
    } else {
      const takenStart = at;
      let byte = data[at];
      while (byte >= 48 && byte <= 57) {
        taken = taken * 10 + byte - 48;
        byte = data[++at];
      }
      if (at === takenStart || at - takenStart > 15) break;
    }
    const next = lineEnd(data, at);
    if (next < 0) break;
    position = next;
    const block = fields[1];
    const id = fields[2];
    const cursor = branches.plainCursor;
    if (cursor >= 0 && arena.lines[cursor] === line && arena.blocks[cursor] === block && arena.ids[cursor] === id) {
      branches.matched(taken);
    } else file.addBranch(line, block, id, void 0, taken);
  }
  if (position !== start) file.branchSource = "lcov";
  return position;
}

// src/coverage/lcov-syntax.ts
var LCOV_SHAPES = {
  DA: "DA:<line>,<hits>[,<checksum>]",
  SF: "SF:<path>",
  FN: "FN:<line>[,<end line>],<name>",
  FNDA: "FNDA:<hits>,<name>",
  FNL: "FNL:<index>,<line>[,<end line>]",
  FNA: "FNA:<index>,<hits>,<name>",
  BRDA: "BRDA:<line>,[e]<block>,<branch>,<taken or ->"
};
var MAX_BLOCK = 2 ** 31 - 2;
function isUpper(byte) {
  return byte !== void 0 && byte >= 65 && byte <= 90;
}
function isTagByte(byte) {
  return isUpper(byte) || byte !== void 0 && (byte >= 48 && byte <= 57 || byte === 95);
}

// src/coverage/lcov-records.ts
var END_OF_RECORD = new TextEncoder().encode("end_of_record");
var LcovReader = class extends ByteCursor {
  constructor(data, source, accumulator, functions, atStart) {
    super(data, source);
    this.accumulator = accumulator;
    this.functions = functions;
    this.atStart = atStart;
  }
  accumulator;
  functions;
  atStart;
  current;
  read() {
    const data = this.data;
    const length = data.length;
    const bom = this.atStart && data[0] === 239 && data[1] === 187 && data[2] === 191;
    let position = bom ? 3 : 0;
    while (position < length) {
      const file = this.current;
      if (file !== void 0 && data[position] === 68) {
        const next = plainLineRun(data, position, file);
        if (next !== position) {
          position = next;
          continue;
        }
      } else if (file !== void 0 && data[position] === 66) {
        const next = plainBranchRun(data, position, file);
        if (next !== position) {
          position = next;
          continue;
        }
      }
      this.position = position;
      this.readRecord();
      position = this.position;
    }
    this.endRecord();
  }
  readRecord() {
    const data = this.data;
    const start = this.position;
    const first = data[start];
    if (first === 68 && this.tagIs(start, "DA")) this.readLine(start + 3);
    else if (first === 66 && this.tagIs(start, "BRDA")) this.readBranch(start + 5);
    else if (first === 70) this.readFunctionRecord(start);
    else if (first === 83 && this.tagIs(start, "SF")) this.readSourceFile(start + 3);
    else if (first === 101 && this.matches(start, END_OF_RECORD)) {
      this.expectEndOfLine(start + END_OF_RECORD.length, "end_of_record");
      this.endRecord();
    } else this.skipOtherLine(start);
  }
  readFunctionRecord(start) {
    const tag = this.tagIs(start, "FNDA") ? "FNDA" : this.tagIs(start, "FNL") ? "FNL" : this.tagIs(start, "FNA") ? "FNA" : this.tagIs(start, "FN") ? "FN" : void 0;
    if (tag === void 0) return this.skipOtherLine(start);
    this.requireFile(tag);
    this.position = start + tag.length + 1;
    if (tag === "FN") this.readFunction();
    else if (tag === "FNDA") this.readFunctionHits();
    else if (tag === "FNL") this.readFunctionGroup();
    else this.readFunctionAlias();
  }
  /** The general DA path (checksums, blanks, errors); plain records go through plainLineRun. */
  readLine(position) {
    const file = this.requireFile("DA");
    this.position = position;
    const line = this.lineNumber(LCOV_SHAPES.DA);
    this.expectComma(LCOV_SHAPES.DA);
    const hits = this.count(LCOV_SHAPES.DA);
    if (this.data[this.position] === COMMA) this.restOfLine();
    else this.expectEndOfLine(this.position, LCOV_SHAPES.DA);
    file.addLine(line, hits);
  }
  readBranch(position) {
    const file = this.requireFile("BRDA");
    const shape = LCOV_SHAPES.BRDA;
    this.position = position;
    const line = this.lineNumber(shape);
    this.expectComma(shape);
    const exception = this.data[this.position] === 101;
    if (exception) this.position++;
    const block = this.unsigned(10);
    if (block < 0 || block > MAX_BLOCK) this.fail(this.position, `expected ${shape}`);
    this.expectComma(shape);
    const fieldStart = this.position;
    let end = this.restOfLine();
    while (end > fieldStart && (this.data[end - 1] === 32 || this.data[end - 1] === 9)) end--;
    let lastComma = end - 1;
    while (lastComma >= fieldStart && this.data[lastComma] !== COMMA) lastComma--;
    if (lastComma <= fieldStart) this.fail(fieldStart, `expected ${shape}`);
    const taken = this.takenField(lastComma + 1, end);
    const id = this.numericField(fieldStart, lastComma);
    const label = id < 0 ? decodeText(this.data, fieldStart, lastComma) : void 0;
    if (label !== void 0 && hasControlCharacter(label))
      this.fail(fieldStart, `expected ${shape}`);
    file.addBranch(line, exception ? -1 - block : block, Math.max(id, 0), label, taken);
    file.branchSource = "lcov";
  }
  readSourceFile(position) {
    this.endRecord();
    const end = this.restOfLine(position);
    const next = this.accumulator.recordIfNext(this.data, position, end);
    if (next !== void 0) {
      this.current = next;
      return;
    }
    const path = decodeText(this.data, position, end);
    if (path.trim() === "" || hasControlCharacter(path)) {
      this.fail(position, `expected ${LCOV_SHAPES.SF}`);
    }
    this.current = this.accumulator.record(path);
  }
  readFunction() {
    const start = this.lineNumber(LCOV_SHAPES.FN);
    this.expectComma(LCOV_SHAPES.FN);
    let end;
    if (this.digitsThenComma(this.position)) {
      end = this.lineNumber(LCOV_SHAPES.FN);
      this.expectComma(LCOV_SHAPES.FN);
    }
    const nameStart = this.position;
    const nameEnd = this.restOfLine();
    const known = this.current?.functions.matchNext(this.data, nameStart, nameEnd);
    if (known !== void 0 && known.start === start) {
      this.functions.declare(known.name, start, end, nameStart, known);
      return;
    }
    this.position = nameStart;
    const name = this.nameToEndOfLine(LCOV_SHAPES.FN);
    this.functions.declare(name, start, end, nameStart);
  }
  readFunctionHits() {
    const hits = this.count(LCOV_SHAPES.FNDA);
    this.expectComma(LCOV_SHAPES.FNDA);
    const nameStart = this.position;
    const nameEnd = this.restOfLine();
    if (!this.functions.addHitsToExpected(this.data, nameStart, nameEnd, hits)) {
      this.position = nameStart;
      this.functions.addHits(this.nameToEndOfLine(LCOV_SHAPES.FNDA), hits);
    }
  }
  readFunctionGroup() {
    const index = this.unsigned(9);
    if (index < 0) this.fail(this.position, `expected ${LCOV_SHAPES.FNL}`);
    this.expectComma(LCOV_SHAPES.FNL);
    const start = this.lineNumber(LCOV_SHAPES.FNL);
    let end;
    if (this.data[this.position] === COMMA) {
      this.position++;
      end = this.lineNumber(LCOV_SHAPES.FNL);
    }
    this.expectEndOfLine(this.position, LCOV_SHAPES.FNL);
    this.functions.declareGroup(index, start, end);
  }
  readFunctionAlias() {
    const index = this.unsigned(9);
    if (index < 0) this.fail(this.position, `expected ${LCOV_SHAPES.FNA}`);
    this.expectComma(LCOV_SHAPES.FNA);
    const hits = this.count(LCOV_SHAPES.FNA);
    this.expectComma(LCOV_SHAPES.FNA);
    this.functions.addAlias(index, hits, this.nameToEndOfLine(LCOV_SHAPES.FNA));
  }
  /** Closes the open record: functions resolve now, since FNDA may come before FN. */
  endRecord() {
    if (this.current !== void 0) this.functions.flushInto(this.current);
    this.current = void 0;
  }
  requireFile(tag) {
    if (this.current === void 0) this.fail(this.position, `expected SF:<path> before ${tag}:`);
    return this.current;
  }
  /** Lines that are no known record: blank, `#` comments and other `TAG:` records are skipped. */
  skipOtherLine(start) {
    const data = this.data;
    let position = start;
    while (data[position] === 32 || data[position] === 9) position++;
    const first = data[position];
    if (first === void 0 || first === NEWLINE || first === CARRIAGE_RETURN || first === 35) {
      this.restOfLine(position);
      return;
    }
    let tagEnd = position;
    while (isTagByte(data[tagEnd])) tagEnd++;
    if (tagEnd === position || data[tagEnd] !== COLON || !isUpper(first)) {
      this.fail(
        start,
        "expected an lcov record (TN:, SF:, FN:, FNDA:, DA:, BRDA:, \u2026 or end_of_record)"
      );
    }
    this.restOfLine(tagEnd);
  }
  takenField(start, end) {
    if (end === start + 1 && this.data[start] === 45) return NOT_EVALUATED;
    this.position = start;
    const taken = this.unsigned(16);
    if (taken < 0 || taken > Number.MAX_SAFE_INTEGER || this.position !== end) {
      this.fail(start, `expected ${LCOV_SHAPES.BRDA} with taken a whole count or -`);
    }
    return taken;
  }
  /** The branch field as a number when it is one (0..2^31-1); -1 for an expression label. */
  numericField(start, end) {
    if (end - start > 10) return -1;
    let value = 0;
    for (let position = start; position < end; position++) {
      const digit = this.data[position] - 48;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value <= 2 ** 31 - 1 ? value : -1;
  }
  nameToEndOfLine(shape) {
    const start = this.position;
    const end = this.restOfLine();
    const name = decodeText(this.data, start, end);
    if (name === "" || hasControlCharacter(name)) this.fail(start, `expected ${shape}`);
    return name;
  }
};

// src/coverage/lcov-reader.ts
function parseLcov(data, source, options) {
  const accumulator = new ReportAccumulator({
    lines: Math.min(data.length / 7 + 16, 2 ** 27),
    branches: Math.min(data.length / 13 + 16, 2 ** 26)
  });
  readLcovInto(accumulator, data, source, options);
  return accumulator.build();
}
function readLcovInto(accumulator, data, source, options) {
  checkReportSize(data.length, source, options);
  const reader = new LcovPieceReader(accumulator, source);
  reader.read(data);
  reader.finish();
}
var LcovPieceReader = class {
  constructor(accumulator, source) {
    this.accumulator = accumulator;
    this.source = source;
    this.functions = new LcovFunctionRecords(source);
  }
  accumulator;
  source;
  functions;
  first = true;
  read(piece) {
    const bytes = new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength);
    new LcovReader(bytes, this.source, this.accumulator, this.functions, this.first).read();
    this.first = false;
  }
  /** After the last piece: notes about records that were ignored. */
  finish() {
    this.accumulator.addNotes(this.functions.notes());
  }
};

// src/coverage/xml-chars.ts
var LT = 60;
var GT = 62;
var SLASH = 47;
var QUESTION = 63;
var BANG = 33;
var EQUALS = 61;
var AMPERSAND = 38;
function isSpace(byte) {
  return byte === 32 || byte === 10 || byte === 13 || byte === 9;
}
function isNameByte(byte) {
  return byte !== void 0 && !isSpace(byte) && byte !== SLASH && byte !== GT && byte !== LT && byte !== EQUALS && byte !== 34 && byte !== 39;
}

// src/coverage/xml-doctype.ts
var OPEN_BRACKET = 91;
var PERCENT = 37;
var DOUBLE_QUOTE = 34;
var SINGLE_QUOTE = 39;
function doctypeEnd(data, start, fail) {
  let position = start + "<!DOCTYPE".length;
  for (; ; ) {
    const byte = data[position];
    if (byte === void 0) fail(start, "expected > to close <!DOCTYPE");
    if (byte === OPEN_BRACKET) {
      fail(position, "expected no internal DTD subset (entity declarations are refused)");
    }
    if (byte === GT) return position + 1;
    if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) {
      const close = data.indexOf(byte, position + 1);
      if (close < 0) fail(position, "expected the closing quote in <!DOCTYPE");
      position = close;
    } else if (byte === LT || byte === AMPERSAND || byte === PERCENT) {
      fail(position, "expected no markup or entity inside <!DOCTYPE");
    }
    position++;
  }
}

// src/coverage/xml-text.ts
var PREDEFINED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
function decodeXmlText(source, start, end) {
  const data = source.data;
  let ampersand = -1;
  for (let index = start; index < end; index++) {
    if (data[index] === 38) {
      ampersand = index;
      break;
    }
  }
  if (ampersand < 0) return decodeText(data, start, end);
  let text = decodeText(data, start, ampersand);
  let position = ampersand;
  while (position < end) {
    if (data[position] !== 38) {
      let next = position;
      while (next < end && data[next] !== 38) next++;
      text += decodeText(data, position, next);
      position = next;
      continue;
    }
    let semicolon = position + 1;
    while (semicolon < end && semicolon - position <= 12 && data[semicolon] !== 59) semicolon++;
    if (data[semicolon] !== 59 || semicolon >= end) {
      source.fail(position, "expected an entity reference ending in ;");
    }
    text += resolveEntity(source, decodeText(data, position + 1, semicolon), position);
    position = semicolon + 1;
  }
  return text;
}
function resolveEntity(source, name, offset) {
  const predefined = PREDEFINED[name];
  if (predefined !== void 0 && Object.hasOwn(PREDEFINED, name)) return predefined;
  const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
  if (numeric !== null) {
    const code = numeric[1] !== void 0 ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
    const allowed = code === 9 || code === 10 || code === 13 || code >= 32 && code <= 55295 || code >= 57344 && code <= 65533 || code >= 65536 && code <= 1114111;
    if (allowed) return String.fromCodePoint(code);
  }
  return source.fail(
    offset,
    `expected only the predefined entities (&lt; &gt; &amp; &quot; &apos;) or character references; found &${name};`
  );
}

// src/coverage/xml-scanner.ts
var XML_EOF = 0;
var XML_START = 1;
var XML_END = 2;
var XML_TEXT = 3;
var MAX_ATTRIBUTES = 64;
var XmlScanner = class {
  constructor(data, source) {
    this.data = data;
    this.source = source;
    if (data[0] === 255 && data[1] === 254 || data[0] === 254 && data[1] === 255) {
      this.fail(0, "expected UTF-8 XML (UTF-16 reports are not supported)");
    }
    if (data[0] === 239 && data[1] === 187 && data[2] === 191) this.position = 3;
  }
  data;
  source;
  position = 0;
  openNames = [];
  rootSeen = false;
  pendingEnd = false;
  /** Name of the current START or END element, as a byte range. */
  nameStart = 0;
  nameEnd = 0;
  selfClosing = false;
  attributeCount = 0;
  attributeNameStart = new Int32Array(MAX_ATTRIBUTES);
  attributeNameEnd = new Int32Array(MAX_ATTRIBUTES);
  attributeValueStart = new Int32Array(MAX_ATTRIBUTES);
  attributeValueEnd = new Int32Array(MAX_ATTRIBUTES);
  /** Decoded text of the current TEXT token. */
  text = "";
  get depth() {
    return this.openNames.length / 2;
  }
  /** The next token: XML_START, XML_END, XML_TEXT or XML_EOF. */
  next() {
    if (this.pendingEnd) {
      this.pendingEnd = false;
      this.popElement();
      return XML_END;
    }
    const data = this.data;
    for (; ; ) {
      if (this.position >= data.length) return this.endOfInput();
      if (data[this.position] !== LT) {
        if (this.readText()) return XML_TEXT;
        continue;
      }
      const second = data[this.position + 1];
      if (second === SLASH) return this.readEndTag();
      if (second === QUESTION) this.skipPast("?>", "end of processing instruction ?>");
      else if (second === BANG) {
        if (this.readDeclaration()) return XML_TEXT;
      } else return this.readStartTag();
    }
  }
  /** Compares the current element name with ASCII `name`. */
  nameIs(name) {
    return this.rangeIs(this.nameStart, this.nameEnd, name);
  }
  /** Index of attribute `name` on the current start tag, or -1. */
  attribute(name) {
    for (let index = 0; index < this.attributeCount; index++) {
      if (this.rangeIs(
        this.attributeNameStart[index],
        this.attributeNameEnd[index],
        name
      )) {
        return index;
      }
    }
    return -1;
  }
  attributeText(index) {
    const start = this.attributeValueStart[index];
    return decodeXmlText(this, start, this.attributeValueEnd[index]);
  }
  fail(offset, message) {
    throw new ReportParseError(this.source, lineNumberAt(this.data, offset), message);
  }
  rangeIs(start, end, name) {
    if (end - start !== name.length) return false;
    for (let index = 0; index < name.length; index++) {
      if (this.data[start + index] !== name.charCodeAt(index)) return false;
    }
    return true;
  }
  endOfInput() {
    if (this.openNames.length > 0) {
      const start = this.openNames[this.openNames.length - 2];
      const end = this.openNames[this.openNames.length - 1];
      const name = new TextDecoder().decode(this.data.subarray(start, end));
      this.fail(this.data.length, `expected </${name}> before the end of the file`);
    }
    if (!this.rootSeen) this.fail(this.data.length, "expected a root element");
    return XML_EOF;
  }
  /** Text up to the next `<`; outside the root only blanks are allowed. */
  readText() {
    const data = this.data;
    const start = this.position;
    let end = data.indexOf(LT, start);
    if (end < 0) end = data.length;
    this.position = end;
    let blank = true;
    for (let index = start; index < end; index++) {
      if (!isSpace(data[index])) {
        blank = false;
        break;
      }
    }
    if (blank) return false;
    if (this.openNames.length === 0)
      this.fail(start, "expected only markup outside the root element");
    this.text = decodeXmlText(this, start, end);
    return true;
  }
  readStartTag() {
    const data = this.data;
    const tagStart = this.position;
    if (this.openNames.length === 0 && this.rootSeen)
      this.fail(tagStart, "expected a single root element");
    let position = tagStart + 1;
    const nameStart = position;
    while (isNameByte(data[position])) position++;
    if (position === nameStart) this.fail(tagStart, "expected an element name after <");
    this.nameStart = nameStart;
    this.nameEnd = position;
    this.attributeCount = 0;
    for (; ; ) {
      const hadSpace = isSpace(data[position]);
      while (isSpace(data[position])) position++;
      const byte = data[position];
      if (byte === GT || byte === SLASH && data[position + 1] === GT) {
        this.selfClosing = byte === SLASH;
        this.position = position + (byte === SLASH ? 2 : 1);
        break;
      }
      if (byte === void 0) this.fail(tagStart, "expected > to close the start tag");
      if (!hadSpace) this.fail(position, "expected a blank before the attribute");
      position = this.readAttribute(position);
    }
    if (this.openNames.length / 2 >= MAX_XML_DEPTH)
      this.fail(tagStart, `expected at most ${MAX_XML_DEPTH} nested elements`);
    this.openNames.push(this.nameStart, this.nameEnd);
    this.rootSeen = true;
    this.pendingEnd = this.selfClosing;
    return XML_START;
  }
  readAttribute(start) {
    const data = this.data;
    if (this.attributeCount === MAX_ATTRIBUTES)
      this.fail(start, `expected at most ${MAX_ATTRIBUTES} attributes`);
    let position = start;
    while (isNameByte(data[position])) position++;
    if (position === start) this.fail(start, "expected an attribute name");
    const nameEnd = position;
    while (isSpace(data[position])) position++;
    if (data[position] !== EQUALS) this.fail(position, "expected = after the attribute name");
    position++;
    while (isSpace(data[position])) position++;
    const quote = data[position];
    if (quote !== 34 && quote !== 39) this.fail(position, "expected a quoted attribute value");
    const valueStart = position + 1;
    position = valueStart;
    for (; ; ) {
      const byte = data[position];
      if (byte === quote) break;
      if (byte === void 0) this.fail(start, "expected the closing quote of the attribute value");
      if (byte === LT) this.fail(position, "expected no < inside an attribute value");
      position++;
    }
    const index = this.attributeCount++;
    this.attributeNameStart[index] = start;
    this.attributeNameEnd[index] = nameEnd;
    this.attributeValueStart[index] = valueStart;
    this.attributeValueEnd[index] = position;
    return position + 1;
  }
  readEndTag() {
    const data = this.data;
    const tagStart = this.position;
    let position = tagStart + 2;
    const nameStart = position;
    while (isNameByte(data[position])) position++;
    const nameEnd = position;
    while (isSpace(data[position])) position++;
    if (data[position] !== GT) this.fail(position, "expected > to close the end tag");
    this.position = position + 1;
    const count = this.openNames.length;
    if (count === 0) this.fail(tagStart, "expected no end tag outside the root element");
    const openStart = this.openNames[count - 2];
    const openEnd = this.openNames[count - 1];
    let same = nameEnd - nameStart === openEnd - openStart;
    for (let index = 0; same && index < nameEnd - nameStart; index++) {
      same = data[nameStart + index] === data[openStart + index];
    }
    if (!same) {
      const open = new TextDecoder().decode(data.subarray(openStart, openEnd));
      this.fail(tagStart, `expected </${open}>`);
    }
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    this.popElement();
    return XML_END;
  }
  popElement() {
    this.openNames.length -= 2;
  }
  /** `<!--`, `<![CDATA[` (returns true: it is text) or the one allowed `<!DOCTYPE`. */
  readDeclaration() {
    const start = this.position;
    if (this.startsWith(start, "<!--")) {
      this.skipPast("-->", "end of comment -->");
      return false;
    }
    if (this.startsWith(start, "<![CDATA[")) {
      if (this.openNames.length === 0) this.fail(start, "expected CDATA only inside an element");
      const end = this.skipPast("]]>", "end of CDATA ]]>");
      this.text = new TextDecoder().decode(this.data.subarray(start + 9, end));
      return true;
    }
    if (this.startsWith(start, "<!DOCTYPE") && !this.rootSeen) {
      this.position = doctypeEnd(this.data, start, (offset, message) => this.fail(offset, message));
      return false;
    }
    return this.fail(start, "expected no <!DOCTYPE or <!ENTITY declaration here");
  }
  startsWith(start, text) {
    return this.rangeIs(start, start + text.length, text);
  }
  /** Moves past `terminator`; returns where it starts. */
  skipPast(terminator, expected) {
    const bytes = new TextEncoder().encode(terminator);
    let index = this.data.indexOf(bytes[0], this.position + 2);
    while (index >= 0 && !this.startsWith(index, terminator)) {
      index = this.data.indexOf(bytes[0], index + 1);
    }
    if (index < 0) this.fail(this.position, `expected ${expected}`);
    this.position = index + terminator.length;
    return index;
  }
};

// src/coverage/cobertura-reader.ts
function parseCobertura(data, source, options) {
  checkReportSize(data.length, source, options);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const accumulator = new ReportAccumulator({
    lines: data.length / 32 + 16,
    branches: data.length / 256 + 16
  });
  new CoberturaReader(new XmlScanner(bytes, source), accumulator).read();
  return accumulator.build();
}
var CoberturaReader = class {
  constructor(scanner, accumulator) {
    this.scanner = scanner;
    this.accumulator = accumulator;
    this.maxOutcomes = scanner.data.length * 4 + 65536;
  }
  scanner;
  accumulator;
  contexts = [];
  sources = [];
  file;
  className = "";
  method;
  sourceText = "";
  outcomes = 0;
  maxOutcomes;
  read() {
    const scanner = this.scanner;
    for (; ; ) {
      const token = scanner.next();
      if (token === XML_EOF) break;
      if (token === XML_START) this.start();
      else if (token === XML_END) this.end();
      else if (token === XML_TEXT && this.contexts[this.contexts.length - 1] === "source") {
        this.sourceText += scanner.text;
      }
    }
    this.accumulator.addSourceRoots(this.sources);
  }
  start() {
    const scanner = this.scanner;
    const parent = this.contexts[this.contexts.length - 1];
    let context = "other";
    if (parent === void 0) {
      if (!scanner.nameIs("coverage"))
        scanner.fail(scanner.nameStart, "expected a <coverage> root element");
      context = "coverage";
    } else if (scanner.nameIs("line")) {
      if (parent === "lines") this.line();
    } else if (scanner.nameIs("class")) {
      this.openClass();
      context = "class";
    } else if (scanner.nameIs("method") && this.file !== void 0) {
      this.openMethod();
      context = "method";
    } else if (scanner.nameIs("lines")) {
      const owner = this.contexts[this.contexts.length - 1];
      context = owner === "class" || owner === "method" ? "lines" : "other";
    } else if (scanner.nameIs("sources") && parent === "coverage") context = "sources";
    else if (scanner.nameIs("source") && parent === "sources") {
      context = "source";
      this.sourceText = "";
    }
    this.contexts.push(context);
  }
  end() {
    const context = this.contexts.pop();
    if (context === "source") {
      const root = this.sourceText.trim();
      if (root !== "") this.sources.push(root);
    } else if (context === "method") this.closeMethod();
    else if (context === "class") this.file = void 0;
  }
  openClass() {
    const scanner = this.scanner;
    const index = scanner.attribute("filename");
    if (index < 0) scanner.fail(scanner.nameStart, "expected a filename attribute on <class>");
    const path = scanner.attributeText(index);
    if (path.trim() === "" || hasControlCharacter(path)) {
      scanner.fail(
        scanner.attributeValueStart[index],
        "expected a file name in filename="
      );
    }
    const nameIndex = scanner.attribute("name");
    this.className = nameIndex < 0 ? "" : scanner.attributeText(nameIndex);
    this.file = this.accumulator.record(path);
  }
  openMethod() {
    const scanner = this.scanner;
    const nameIndex = scanner.attribute("name");
    const signatureIndex = scanner.attribute("signature");
    const hitsIndex = scanner.attribute("hits");
    this.method = {
      name: nameIndex < 0 ? "" : scanner.attributeText(nameIndex),
      signature: signatureIndex < 0 ? "" : scanner.attributeText(signatureIndex),
      hitsAttribute: hitsIndex < 0 ? void 0 : this.integer(hitsIndex, "hits", 0, MAX_COUNT),
      start: 0,
      hits: 0
    };
  }
  closeMethod() {
    const method = this.method;
    this.method = void 0;
    if (method === void 0 || this.file === void 0 || method.start === 0) return;
    const name = qualifiedName(method, this.className, this.file.path);
    if (name === "" || hasControlCharacter(name)) return;
    const key = isRustSymbol(method.name) ? rustFunctionKey(method.name, method.start) : name;
    this.file.addFunction(name, method.start, void 0, method.hitsAttribute ?? method.hits, key);
  }
  line() {
    const scanner = this.scanner;
    const numberIndex = scanner.attribute("number");
    const hitsIndex = scanner.attribute("hits");
    if (numberIndex < 0 || hitsIndex < 0) {
      scanner.fail(scanner.nameStart, "expected <line> with number= and hits= attributes");
    }
    const line = this.integer(numberIndex, "number", 1, MAX_LINE_NUMBER);
    const hits = this.integer(hitsIndex, "hits", 0, MAX_COUNT);
    const owner = this.contexts[this.contexts.length - 2];
    if (owner === "method" && this.method !== void 0) {
      if (this.method.start === 0 || line < this.method.start) this.method.start = line;
      this.method.hits = Math.max(this.method.hits, hits);
      return;
    }
    if (owner !== "class" || this.file === void 0) return;
    this.file.addLine(line, hits);
    const branchIndex = scanner.attribute("branch");
    const conditionIndex = scanner.attribute("condition-coverage");
    if (branchIndex < 0 || conditionIndex < 0) return;
    if (scanner.attributeText(branchIndex).toLowerCase() !== "true") return;
    this.conditions(line, conditionIndex);
  }
  /** `condition-coverage="50% (1/2)"`: total outcomes, the first `covered` of them taken. */
  conditions(line, index) {
    const scanner = this.scanner;
    const text = scanner.attributeText(index);
    const match = /\((\d{1,9})\/(\d{1,9})\)\s*$/.exec(text);
    const offset = scanner.attributeValueStart[index];
    if (match === null)
      return scanner.fail(
        offset,
        `expected condition-coverage like "50% (1/2)"; found "${text.slice(0, 40)}"`
      );
    const covered = Number(match[1]);
    const total = Number(match[2]);
    if (covered > total || total > MAX_CONDITIONS_PER_LINE) {
      scanner.fail(
        offset,
        `expected condition-coverage with covered \u2264 total \u2264 ${MAX_CONDITIONS_PER_LINE}; found "${text}"`
      );
    }
    this.outcomes += total;
    if (this.outcomes > this.maxOutcomes) {
      scanner.fail(offset, "expected no more branch outcomes than the report size allows");
    }
    const file = this.file;
    for (let outcome = 0; outcome < total; outcome++) {
      file.addBranch(line, 0, outcome, void 0, outcome < covered ? 1 : 0);
    }
    file.branchSource = "cobertura";
  }
  /** A whole-number attribute within [min, max]; anything else names the file and line. */
  integer(index, name, min, max) {
    const scanner = this.scanner;
    const data = scanner.data;
    const start = scanner.attributeValueStart[index];
    const end = scanner.attributeValueEnd[index];
    let value = 0;
    let position = start;
    while (position < end && position - start < 16) {
      const digit = data[position] - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      position++;
    }
    if (position !== end || position === start || value < min || value > max) {
      const shown = scanner.attributeText(index).slice(0, 40);
      scanner.fail(
        start,
        `expected ${name}= to be a whole number from ${min} to ${max}; found "${shown}"`
      );
    }
    return value;
  }
};
function qualifiedName(method, className, path) {
  const fileName = path.replace(/^.*[\\/]/, "");
  const stem = fileName.replace(/\.[^.]*$/, "");
  const classIsFile = className === "" || className === fileName || className === stem;
  return `${classIsFile ? "" : `${className}::`}${method.name}${method.signature}`;
}

// src/coverage/json-locate.ts
var STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
var NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
var LITERAL = /true|false|null/y;
var BLANK = /[ \t\n\r]*/y;
function locateJson(text, target) {
  const path = [];
  const stack = [];
  let position = skipBlank(text, 0);
  const matchesTarget = () => target !== void 0 && target.length === path.length && target.every((part, i) => part === path[i]);
  const error = (expected) => ({ offset: position, expected });
  for (; ; ) {
    if (matchesTarget()) return { offset: position };
    const char = text[position];
    if (char === "{" || char === "[") {
      position = skipBlank(text, position + 1);
      const closing = char === "{" ? "}" : "]";
      if (text[position] === closing) {
        position = skipBlank(text, position + 1);
      } else {
        stack.push(char === "{" ? "object" : "array");
        if (char === "[") path.push(0);
        else {
          const key = readKey(text, position);
          if (key === void 0) return error('a "key" string');
          path.push(key.key);
          position = key.next;
        }
        continue;
      }
    } else {
      const end = scalarEnd(text, position);
      if (end < 0) return error("a JSON value");
      position = skipBlank(text, end);
    }
    for (; ; ) {
      const top = stack[stack.length - 1];
      if (top === void 0) {
        return position === text.length ? { offset: 0 } : error("the end of the document");
      }
      const separator = text[position];
      if (separator === ",") {
        position = skipBlank(text, position + 1);
        if (top === "array") path[path.length - 1] = path[path.length - 1] + 1;
        else {
          const key = readKey(text, position);
          if (key === void 0) return error('a "key" string');
          path[path.length - 1] = key.key;
          position = key.next;
        }
        break;
      }
      if (separator === (top === "object" ? "}" : "]")) {
        stack.pop();
        path.pop();
        position = skipBlank(text, position + 1);
        continue;
      }
      return error(top === "object" ? ", or }" : ", or ]");
    }
  }
}
function skipBlank(text, position) {
  BLANK.lastIndex = position;
  BLANK.exec(text);
  return BLANK.lastIndex;
}
function readKey(text, position) {
  STRING.lastIndex = position;
  const match = STRING.exec(text);
  if (match === null) return void 0;
  const afterKey = skipBlank(text, STRING.lastIndex);
  if (text[afterKey] !== ":") return void 0;
  return { key: JSON.parse(match[0]), next: skipBlank(text, afterKey + 1) };
}
function scalarEnd(text, position) {
  for (const pattern of [STRING, NUMBER, LITERAL]) {
    pattern.lastIndex = position;
    if (pattern.exec(text) !== null) return pattern.lastIndex;
  }
  return -1;
}
function lineOfOffset(text, offset) {
  let line = 1;
  let index = text.indexOf("\n");
  while (index >= 0 && index < offset) {
    line++;
    index = text.indexOf("\n", index + 1);
  }
  return line;
}

// src/coverage/json-fields.ts
var JsonFields = class {
  constructor(text, source) {
    this.text = text;
    this.source = source;
  }
  text;
  source;
  fail(path, expected) {
    const location = locateJson(this.text, path);
    const offset = location.expected === void 0 ? location.offset : 0;
    throw new ReportParseError(
      this.source,
      lineOfOffset(this.text, offset),
      `expected ${expected} at ${showPath(path)}`
    );
  }
  object(value, path, what = "an object") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(path, what);
    return value;
  }
  optionalObject(value, path) {
    return value === void 0 ? void 0 : this.object(value, path);
  }
  /** A list of line numbers (1..2^24); absent means empty. */
  lines(value, path) {
    if (value === void 0) return [];
    if (!Array.isArray(value)) this.fail(path, "a list of line numbers");
    for (let index = 0; index < value.length; index++) {
      if (!isLineNumber(value[index])) {
        this.fail([...path, index], `a line number from 1 to ${MAX_LINE_NUMBER}`);
      }
    }
    return value;
  }
  /** A list of [from, to] arcs: from a line number, to a line number or its negative (exit). */
  arcs(value, path) {
    if (value === void 0) return [];
    if (!Array.isArray(value)) this.fail(path, "a list of [from, to] arcs");
    for (let index = 0; index < value.length; index++) {
      const arc = value[index];
      const valid = Array.isArray(arc) && arc.length === 2 && isLineNumber(arc[0]) && typeof arc[1] === "number" && isLineNumber(Math.abs(arc[1]));
      if (!valid) this.fail([...path, index], "an arc [from line, to line or -line]");
    }
    return value;
  }
  /** A whole count, when present. */
  count(value, path) {
    if (value === void 0) return void 0;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
      this.fail(path, "a whole count");
    return value;
  }
  /** A list of strings (test names of a context). */
  strings(value, path) {
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      this.fail(path, "a list of strings");
    }
    return value;
  }
};
function isLineNumber(value) {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_LINE_NUMBER;
}
function showPath(path) {
  if (path.length === 0) return "the top level";
  return path.map((part) => typeof part === "number" ? `[${part}]` : `[${JSON.stringify(part)}]`).join("");
}

// src/coverage/coveragepy-statements.ts
function ascending(lines) {
  for (let index = 1; index < lines.length; index++) {
    if (lines[index] <= lines[index - 1]) {
      return [...new Set(lines)].sort((a, b) => a - b);
    }
  }
  return lines;
}
function without(lines, removed) {
  if (removed.length === 0) return lines;
  const kept = [];
  let cursor = 0;
  for (const line of lines) {
    while (cursor < removed.length && removed[cursor] < line) cursor++;
    if (removed[cursor] !== line) kept.push(line);
  }
  return kept;
}
function statementLines(input) {
  const excluded = ascending(input.excluded);
  const missing = without(ascending(input.missing), excluded);
  const executed = without(without(ascending(input.executed), excluded), missing);
  let surplus = input.coveredLines === void 0 ? 0 : executed.length - input.coveredLines;
  let note;
  if (surplus < 0) {
    note = `summary says ${input.coveredLines} covered lines but only ${executed.length} executed statements are listed; counted the listed ones`;
    surplus = 0;
  }
  const statements = surplus > 0 ? without(
    executed,
    [...docstringLines(executed, input.classes, surplus)].sort((a, b) => a - b)
  ) : executed;
  return note === void 0 ? { executed: statements, missing } : { executed: statements, missing, note };
}
function docstringLines(executed, classes, surplus) {
  const dropped = /* @__PURE__ */ new Set();
  const executedSet = new Set(executed);
  const inClasses = /* @__PURE__ */ new Set();
  for (const region of classes) {
    if (region.name === "") continue;
    for (const line of [...region.executed, ...region.missing, ...region.excluded])
      inClasses.add(line);
    if (region.covered === void 0) continue;
    const excluded = new Set(region.excluded);
    const ran = region.executed.filter((line) => !excluded.has(line) && executedSet.has(line)).sort((a, b) => a - b);
    for (const line of ran.slice(0, Math.max(0, ran.length - region.covered))) {
      if (dropped.size < surplus) dropped.add(line);
    }
  }
  for (const line of executed) {
    if (dropped.size >= surplus) break;
    if (!inClasses.has(line)) dropped.add(line);
  }
  for (const line of executed) {
    if (dropped.size >= surplus) break;
    dropped.add(line);
  }
  return dropped;
}

// src/coverage/coveragepy-json.ts
function parseCoveragePyJson(data, source, options) {
  checkReportSize(data.length, source, options);
  const text = new TextDecoder().decode(data);
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    const location = locateJson(text);
    const expected = location.expected ?? "valid JSON";
    throw new ReportParseError(
      source,
      lineOfOffset(text, location.offset),
      `expected ${expected} (not valid JSON)`
    );
  }
  const fields = new JsonFields(text, source);
  const root = fields.object(
    document,
    [],
    'a coverage.py JSON report (an object with "meta" and "files")'
  );
  const files = fields.object(root.files, ["files"], 'a "files" object');
  const accumulator = new ReportAccumulator({ lines: data.length / 4 + 16 });
  for (const path of Object.keys(files)) readFile(fields, accumulator, path, files[path]);
  return accumulator.build();
}
function readFile(fields, accumulator, path, value) {
  const at = ["files", path];
  if (path.trim() === "" || hasControlCharacter(path)) fields.fail(at, "a file path as the key");
  const entry = fields.object(value, at);
  const executed = fields.lines(entry.executed_lines, [...at, "executed_lines"]);
  const missing = fields.lines(entry.missing_lines, [...at, "missing_lines"]);
  const excluded = fields.lines(entry.excluded_lines, [...at, "excluded_lines"]);
  const summary = fields.optionalObject(entry.summary, [...at, "summary"]);
  const coveredLines = fields.count(summary?.covered_lines, [...at, "summary", "covered_lines"]);
  const classes = regions(fields, entry.classes, [...at, "classes"]);
  const functions = regions(fields, entry.functions, [...at, "functions"]);
  const statements = statementLines({ executed, missing, excluded, coveredLines, classes });
  const file = accumulator.record(path);
  addStatements(file, statements.executed, statements.missing);
  if (statements.note !== void 0)
    accumulator.addNotes([`${fields.source}: ${path}: ${statements.note}`]);
  readBranches(fields, file, entry, at);
  for (const region of functions) addRegionFunction(file, region);
  const contexts = fields.optionalObject(entry.contexts, [...at, "contexts"]);
  for (const [line, names] of Object.entries(contexts ?? {})) {
    const number = Number(line);
    if (!Number.isInteger(number) || number < 1)
      fields.fail([...at, "contexts", line], "a line number as the key");
    file.addContexts(number, fields.strings(names, [...at, "contexts", line]));
  }
}
function addStatements(file, executed, missing) {
  let next = 0;
  for (const line of executed) {
    while (next < missing.length && missing[next] < line)
      file.addLine(missing[next++], 0);
    file.addLine(line, 1);
  }
  while (next < missing.length) file.addLine(missing[next++], 0);
}
function readBranches(fields, file, entry, at) {
  const taken = fields.arcs(entry.executed_branches, [...at, "executed_branches"]);
  const missed = fields.arcs(entry.missing_branches, [...at, "missing_branches"]);
  if (taken.length + missed.length === 0) return;
  file.branchSource = "coveragepy-json";
  const before = (a, b) => a[0] < b[0] || a[0] === b[0] && a[1] < b[1];
  let next = 0;
  for (const arc of taken) {
    while (next < missed.length && before(missed[next], arc)) {
      const miss = missed[next++];
      file.addBranch(miss[0], 0, miss[1], void 0, 0);
    }
    file.addBranch(arc[0], 0, arc[1], void 0, 1);
  }
  for (; next < missed.length; next++) {
    const miss = missed[next];
    file.addBranch(miss[0], 0, miss[1], void 0, 0);
  }
}
function addRegionFunction(file, region) {
  if (region.name === "" || hasControlCharacter(region.name)) return;
  const excluded = new Set(region.excluded);
  const statements = [...region.executed, ...region.missing].filter((line) => !excluded.has(line));
  if (statements.length === 0 || region.statements === 0) return;
  const start = region.startLine ?? statements.reduce((low, line) => Math.min(low, line));
  const covered = region.covered ?? region.executed.filter((line) => !excluded.has(line)).length;
  file.addFunction(region.name, start, void 0, covered > 0 ? 1 : 0, region.name);
}
function regions(fields, value, at) {
  const table = fields.optionalObject(value, at);
  if (table === void 0) return [];
  return Object.keys(table).map((name) => {
    const here = [...at, name];
    const region = fields.object(table[name], here);
    const summary = fields.optionalObject(region.summary, [...here, "summary"]);
    const startLine = region.start_line === void 0 ? void 0 : fields.lines([region.start_line], [...here, "start_line"])[0];
    return {
      name,
      executed: fields.lines(region.executed_lines, [...here, "executed_lines"]),
      missing: fields.lines(region.missing_lines, [...here, "missing_lines"]),
      excluded: fields.lines(region.excluded_lines, [...here, "excluded_lines"]),
      covered: fields.count(summary?.covered_lines, [...here, "summary", "covered_lines"]),
      statements: fields.count(summary?.num_statements, [...here, "summary", "num_statements"]),
      startLine
    };
  });
}

// src/coverage/detect.ts
var decoder = new TextDecoder();
function detectFormat(data, source = "report") {
  let start = 0;
  if (data[0] === 239 && data[1] === 187 && data[2] === 191) start = 3;
  while (start < data.length && isBlank(data[start])) start++;
  if (start >= data.length) throw new UnknownFormatError(source, "the file is empty");
  const head = decoder.decode(data.subarray(start, start + 65536));
  if (head.startsWith("<")) {
    if (/<coverage[\s>/]/.test(head)) return "cobertura";
    throw new UnknownFormatError(source, "XML without a <coverage> element in its first 64 KiB");
  }
  if (head.startsWith("{")) {
    if (/"(meta|files)"\s*:/.test(head)) return "coveragepy-json";
    throw new UnknownFormatError(source, 'JSON without a "meta" or "files" key in its first 64 KiB');
  }
  if (/^(?:#[^\n]*\n\s*)*(?:TN|SF|VER|FN|DA):/.test(head)) return "lcov";
  throw new UnknownFormatError(source, `it starts with ${JSON.stringify(head.slice(0, 20))}`);
}
function isBlank(byte) {
  return byte === 32 || byte === 10 || byte === 13 || byte === 9;
}
function parseReport(data, source, options) {
  checkReportSize(data.length, source, options);
  switch (detectFormat(data, source)) {
    case "lcov":
      return parseLcov(data, source, options);
    case "cobertura":
      return parseCobertura(data, source, options);
    case "coveragepy-json":
      return parseCoveragePyJson(data, source, options);
  }
}

// src/coverage/merge.ts
function mergeReports(reports) {
  if (reports.length === 1 && reports[0] !== void 0) return reports[0];
  let lines = 0;
  let branches = 0;
  for (const report of reports) {
    let reportLines = 0;
    let reportBranches = 0;
    for (const file of report.files.values()) {
      reportLines += file.lineNumbers.length;
      reportBranches += file.branches.lines.length;
    }
    lines = Math.max(lines, reportLines);
    branches = Math.max(branches, reportBranches);
  }
  const accumulator = new ReportAccumulator({ lines: lines + 16, branches: branches + 16 });
  for (const report of reports) accumulator.add(report);
  return accumulator.build();
}

// src/coverage/read-reports.ts
import { closeSync as closeSync2, existsSync, readSync as readSync2 } from "node:fs";
import { join as join2, resolve } from "node:path";

// src/coverage/glob.ts
function globToRegExp(pattern) {
  const normalized = pattern.replace(/\\/g, "/").replace(/^\.\//, "").replace(/^\//, "");
  const anyDirectory = !normalized.includes("/");
  let source = "";
  for (let index = 0; index < normalized.length; index++) {
    const char = normalized[index];
    if (char === "*" && normalized[index + 1] === "*") {
      const atSegmentStart = index === 0 || normalized[index - 1] === "/";
      const slashAfter = normalized[index + 2] === "/";
      if (atSegmentStart && slashAfter) {
        source += "(?:[^/]*/)*";
        index += 2;
      } else {
        source += ".*";
        index += 1;
      }
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${anyDirectory ? "(?:.*/)?" : ""}${source}$`);
}
function matchesAnyGlob(path, globs) {
  return globs.some((glob) => glob.test(path));
}

// src/coverage/exclusions.ts
function findExclusionMarkers(text) {
  const lines = /* @__PURE__ */ new Set();
  const branchLines = /* @__PURE__ */ new Set();
  const problems = [];
  if (!text.includes("LCOV_EXCL_")) return { lines, branchLines, problems };
  const sourceLines = text.split("\n");
  let start = -1;
  let branchStart = -1;
  sourceLines.forEach((content, index) => {
    const line = index + 1;
    if (!content.includes("LCOV_EXCL_")) {
      if (start >= 0) lines.add(line);
      if (branchStart >= 0) branchLines.add(line);
      return;
    }
    if (content.includes("LCOV_EXCL_START") && start < 0) start = line;
    if (content.includes("LCOV_EXCL_BR_START") && branchStart < 0) branchStart = line;
    if (start >= 0 || content.includes("LCOV_EXCL_LINE")) lines.add(line);
    if (branchStart >= 0 || content.includes("LCOV_EXCL_BR_LINE")) branchLines.add(line);
    if (content.includes("LCOV_EXCL_STOP")) {
      if (start < 0) problems.push(`LCOV_EXCL_STOP without START on line ${line}`);
      start = -1;
    }
    if (content.includes("LCOV_EXCL_BR_STOP")) {
      if (branchStart < 0) problems.push(`LCOV_EXCL_BR_STOP without START on line ${line}`);
      branchStart = -1;
    }
  });
  if (start >= 0) problems.push(`LCOV_EXCL_START on line ${start} has no STOP; excluded to the end`);
  if (branchStart >= 0) {
    problems.push(`LCOV_EXCL_BR_START on line ${branchStart} has no STOP; excluded to the end`);
  }
  return { lines, branchLines, problems };
}
function applyExclusions(report, options) {
  const globs = options.excludeGlobs.map(globToRegExp);
  const languages = new Set(options.markerLanguages ?? ["rust", "python", "other"]);
  const files = /* @__PURE__ */ new Map();
  const notes = [...report.notes];
  let globbed = 0;
  for (const [path, file] of report.files) {
    if (matchesAnyGlob(path, globs)) {
      globbed++;
      continue;
    }
    const text = languages.has(file.language) ? options.readSource(path) : void 0;
    if (text === void 0) {
      files.set(path, file);
      continue;
    }
    const markers = findExclusionMarkers(text);
    for (const problem of markers.problems) notes.push(`${path}: ${problem}`);
    files.set(
      path,
      markers.lines.size + markers.branchLines.size === 0 ? file : excludeLines(file, markers)
    );
  }
  if (globbed > 0) notes.push(`${globbed} file(s) matched exclude patterns and were left out`);
  return { files, sourceRoots: report.sourceRoots, notes };
}
function excludeLines(file, markers) {
  const keep = [];
  for (let index = 0; index < file.lineNumbers.length; index++) {
    if (!markers.lines.has(file.lineNumbers[index])) keep.push(index);
  }
  const contexts = file.contexts && new Map([...file.contexts].filter(([line]) => !markers.lines.has(line)));
  const branches = keptBranches(
    file.branches,
    (line) => markers.lines.has(line) || markers.branchLines.has(line)
  );
  return {
    ...file,
    lineNumbers: Uint32Array.from(keep, (index) => file.lineNumbers[index]),
    lineHits: Float64Array.from(keep, (index) => file.lineHits[index]),
    branches,
    branchSource: branches.lines.length === 0 ? void 0 : file.branchSource,
    functions: file.functions.filter((record) => !markers.lines.has(record.start)),
    contexts
  };
}
function keptBranches(table, excluded) {
  const keep = [];
  for (let index = 0; index < table.lines.length; index++) {
    if (!excluded(table.lines[index])) keep.push(index);
  }
  if (keep.length === table.lines.length) return table;
  if (keep.length === 0) return EMPTY_BRANCHES;
  return {
    lines: Uint32Array.from(keep, (index) => table.lines[index]),
    blocks: Int32Array.from(keep, (index) => table.blocks[index]),
    ids: Int32Array.from(keep, (index) => table.ids[index]),
    labels: table.labels && keep.map((index) => table.labels?.[index]),
    taken: Float64Array.from(keep, (index) => table.taken[index])
  };
}

// src/coverage/paths.ts
var WINDOWS_DRIVE = /^[A-Za-z]:\//;
var INSTALLED = /\/(?:site-packages|dist-packages)\/(.+)$/;
var NEEDS_WORK = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|^[a-z]:|.\/$/;
function toPosixPath(path) {
  if (!NEEDS_WORK.test(path)) return path;
  let text = path.replace(/\\/g, "/");
  if (/^[a-z]:\//.test(text)) text = text[0]?.toUpperCase() + text.slice(1);
  const absolute = text.startsWith("/");
  const drive = WINDOWS_DRIVE.test(text) ? text.slice(0, 2) : "";
  const parts = [];
  for (const part of text.slice(drive.length).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (part !== ".." || !(absolute || drive)) parts.push(part);
  }
  const body = parts.join("/");
  if (drive) return `${drive}/${body}`;
  return absolute ? `/${body}` : body;
}
function isAbsolutePosix(path) {
  return path.startsWith("/") || WINDOWS_DRIVE.test(path);
}
function join(base, relative) {
  return toPosixPath(`${base}/${relative}`);
}
function relativeTo(root, path) {
  const windows = WINDOWS_DRIVE.test(root);
  const comparablePath = windows ? path.toLowerCase() : path;
  const comparableRoot = windows ? root.toLowerCase() : root;
  if (comparablePath === comparableRoot) return "";
  const prefix = comparableRoot.endsWith("/") ? comparableRoot : `${comparableRoot}/`;
  return comparablePath.startsWith(prefix) ? path.slice(prefix.length) : void 0;
}
function normalizePaths(report, options) {
  const root = toPosixPath(options.root);
  const roots = [...report.sourceRoots, ...options.sourceRoots ?? []].map((sourceRoot) => {
    const posix = toPosixPath(sourceRoot);
    return isAbsolutePosix(posix) ? posix : join(root, posix);
  });
  const exists = options.exists;
  const packageDirs = options.packageDirs ?? [
    "",
    "src",
    "python",
    "lib",
    ...roots.map((sourceRoot) => relativeTo(root, sourceRoot)).filter((dir) => dir !== void 0)
  ];
  const renamed = [];
  const dropped = [];
  for (const file of report.files.values()) {
    let path = applyPathMaps(toPosixPath(file.path), options.pathMaps ?? [], root);
    if (!isAbsolutePosix(path)) path = resolveRelative(path, roots, root, exists);
    const installed = mapInstalled(path, packageDirs, exists);
    if (installed !== void 0) path = join(root, installed);
    const relative = relativeTo(root, path);
    if (relative === void 0 && !options.includeOutside) {
      dropped.push(path);
      continue;
    }
    const finalPath = relative ?? path;
    renamed.push({
      ...file,
      path: finalPath,
      language: languageOf(finalPath),
      outsideWorkspace: relative === void 0
    });
  }
  const notes = [...report.notes];
  if (dropped.length > 0) {
    const shown = dropped.slice(0, 3).join(", ");
    notes.push(
      `${dropped.length} file(s) outside the workspace ${root} were left out: ${shown}${dropped.length > 3 ? ", \u2026" : ""} (include-outside keeps them)`
    );
  }
  const files = collect(renamed, notes);
  return { files, sourceRoots: [], notes };
}
function applyPathMaps(path, maps, root) {
  for (const map of maps) {
    const from = toPosixPath(map.from);
    const rest = from === path ? "" : path.startsWith(`${from}/`) ? path.slice(from.length + 1) : void 0;
    if (rest === void 0) continue;
    const to = toPosixPath(map.to);
    const target = isAbsolutePosix(to) ? to : join(root, to);
    return rest === "" ? target : join(target, rest);
  }
  return path;
}
function resolveRelative(path, roots, root, exists) {
  const candidates = [...roots, root].map((base) => join(base, path));
  if (exists !== void 0) {
    for (const candidate of candidates) {
      const relative = relativeTo(root, candidate);
      if (relative !== void 0 && relative !== "" && exists(relative)) return candidate;
    }
  }
  return candidates.find((candidate) => relativeTo(root, candidate) !== void 0) ?? join(root, path);
}
function mapInstalled(path, packageDirs, exists) {
  const match = INSTALLED.exec(path);
  if (match === null || exists === void 0) return void 0;
  const inPackage = match[1];
  for (const dir of packageDirs) {
    const candidate = dir === "" ? inPackage : toPosixPath(`${dir}/${inPackage}`);
    if (exists(candidate)) return candidate;
  }
  return void 0;
}
function collect(files, notes) {
  const counts = /* @__PURE__ */ new Map();
  for (const file of files) counts.set(file.path, (counts.get(file.path) ?? 0) + 1);
  const result = /* @__PURE__ */ new Map();
  const colliding = files.filter((file) => (counts.get(file.path) ?? 0) > 1);
  for (const file of files) if ((counts.get(file.path) ?? 0) === 1) result.set(file.path, file);
  if (colliding.length > 0) {
    const accumulator = new ReportAccumulator();
    for (const file of colliding) accumulator.addFile(file);
    const merged = accumulator.build();
    notes.push(...merged.notes);
    for (const [path, file] of merged.files) result.set(path, file);
  }
  return result;
}

// src/coverage/record-boundary.ts
var END_OF_RECORD2 = new TextEncoder().encode("end_of_record");
function recordBoundaryIn(window) {
  let at = window.indexOf(101);
  while (at >= 0) {
    const atLineStart = at === 0 || window[at - 1] === 10;
    let matches = atLineStart;
    for (let index = 1; matches && index < END_OF_RECORD2.length; index++) {
      matches = window[at + index] === END_OF_RECORD2[index];
    }
    if (matches) {
      const after = at + END_OF_RECORD2.length;
      if (window[after] === 10) return after + 1;
      if (window[after] === 13 && window[after + 1] === 10) return after + 2;
    }
    at = window.indexOf(101, at + 1);
  }
  return -1;
}
function lastRecordEnd(window) {
  let newline = window.lastIndexOf(10);
  while (newline >= 0) {
    const lineStart = newline === 0 ? 0 : window.lastIndexOf(10, newline - 1) + 1;
    let end = newline;
    if (end > lineStart && window[end - 1] === 13) end--;
    let matches = end - lineStart === END_OF_RECORD2.length;
    for (let index = 0; matches && index < END_OF_RECORD2.length; index++) {
      matches = window[lineStart + index] === END_OF_RECORD2[index];
    }
    if (matches) return newline + 1;
    newline = lineStart - 1;
  }
  return -1;
}

// src/coverage/report-files.ts
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
var NotAFileError = class extends CoverageError {
  constructor(file, kind) {
    super(file, `${file}: is ${kind}, not a regular file; only regular files are read`);
    this.name = "NotAFileError";
  }
};
function openRegularFile(path, maxBytes) {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw new NotAFileError(path, fileKind(stats));
    if (stats.size > maxBytes) throw new ReportTooLargeError(path, stats.size, maxBytes);
    return { descriptor, statedSize: stats.size };
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
}
function readRegularFile(path, maxBytes) {
  const { descriptor, statedSize } = openRegularFile(path, maxBytes);
  try {
    return readToEnd(descriptor, path, statedSize, maxBytes);
  } finally {
    closeSync(descriptor);
  }
}
function readToEnd(descriptor, path, statedSize, maxBytes) {
  let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(statedSize + 1, 4096)));
  let filled = 0;
  for (; ; ) {
    if (filled === buffer.length) {
      if (filled > maxBytes) throw new ReportTooLargeError(path, filled, maxBytes);
      const larger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
      buffer.copy(larger, 0, 0, filled);
      buffer = larger;
    }
    const read = readSync(descriptor, buffer, filled, buffer.length - filled, null);
    if (read === 0) break;
    filled += read;
  }
  if (filled > maxBytes) throw new ReportTooLargeError(path, filled, maxBytes);
  return buffer.subarray(0, filled);
}
function fileKind(stats) {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "a special file";
}

// src/coverage/read-reports.ts
function readReportGroup(inputs, settings) {
  const [first] = inputs;
  if (first === void 0) return [];
  const reports = [];
  const isTracefile = inputs.map(
    (input) => input.tracefile ?? sniffFormat(input.path, settings.maxBytes) === "lcov"
  );
  const tracefiles = inputs.filter((_, index) => isTracefile[index]);
  if (tracefiles.length > 0) reports.push(readTracefiles(tracefiles, settings.maxBytes));
  for (const [index, input] of inputs.entries()) {
    if (!isTracefile[index]) {
      const data = readRegularFile(input.path, settings.maxBytes);
      reports.push(parseReport(data, input.path, { maxBytes: settings.maxBytes }));
    }
  }
  const exists = (relative) => existsSync(join2(settings.workspace, relative));
  return reports.map(
    (report) => normalizePaths(report, {
      root: first.root,
      sourceRoots: first.sourceRoots ?? [],
      pathMaps: settings.pathMaps ?? [],
      includeOutside: settings.includeOutside,
      exists
    })
  );
}
function mergeAndExclude(reports, settings) {
  const missingDirectories = /* @__PURE__ */ new Map();
  return applyExclusions(mergeReports(reports), {
    excludeGlobs: settings.excludeGlobs,
    markerLanguages: settings.markerLanguages,
    readSource: (path) => readSource(settings, path, missingDirectories)
  });
}
var PIECE_BYTES = 256 * 1024;
function readTracefiles(inputs, maxBytes) {
  const opened = inputs.map((input) => ({ input, file: openRegularFile(input.path, maxBytes) }));
  try {
    const sizes = opened.map(
      ({ input, file }) => (input.end ?? file.statedSize) - (input.start ?? 0)
    );
    const largest = Math.max(...sizes);
    const accumulator = new ReportAccumulator({
      lines: largest / 7 + 16,
      branches: largest / 13 + 16
    });
    let buffer = new Uint8Array(PIECE_BYTES);
    for (const { input, file } of opened) {
      const range = { start: input.start ?? 0, end: input.end ?? file.statedSize };
      buffer = readTracefile(accumulator, input.path, file.descriptor, range, buffer);
    }
    return accumulator.build();
  } finally {
    for (const { file } of opened) closeSync2(file.descriptor);
  }
}
function readTracefile(accumulator, path, descriptor, range, buffer) {
  const reader = new LcovPieceReader(accumulator, path);
  let start = range.start;
  let filled = 0;
  for (; ; ) {
    const wanted = Math.min(buffer.length, range.end - start) - filled;
    const got = readAt(descriptor, start + filled, wanted, buffer.subarray(filled));
    filled += got;
    const last = got < wanted || start + filled >= range.end;
    const end = last ? filled : lastRecordEnd(buffer.subarray(0, filled));
    if (end < 0) {
      buffer = grown(buffer, filled);
      continue;
    }
    try {
      reader.read(buffer.subarray(0, end));
    } catch (error) {
      throw start > 0 ? lineOfFile(error, path, descriptor, start) : error;
    }
    if (last) break;
    buffer.copyWithin(0, end, filled);
    start += end;
    filled -= end;
  }
  reader.finish();
  return buffer;
}
function sniffFormat(path, maxBytes) {
  const { descriptor } = openRegularFile(path, maxBytes);
  try {
    const head = new Uint8Array(65536);
    const read = readAt(descriptor, 0, head.length, head);
    return detectFormat(head.subarray(0, read), path);
  } finally {
    closeSync2(descriptor);
  }
}
function readAt(descriptor, position, length, target) {
  let offset = 0;
  while (offset < length) {
    const read = readSync2(descriptor, target, offset, length - offset, position + offset);
    if (read === 0) break;
    offset += read;
  }
  return offset;
}
function grown(buffer, filled) {
  const larger = new Uint8Array(buffer.length * 2);
  larger.set(buffer.subarray(0, filled));
  return larger;
}
function lineOfFile(error, path, descriptor, offset) {
  if (!(error instanceof ReportParseError)) return error;
  return new ReportParseError(path, error.line + linesBefore(descriptor, offset), error.detail);
}
function linesBefore(descriptor, offset) {
  const piece = new Uint8Array(Math.min(offset, 1 << 20));
  let count = 0;
  for (let at = 0; at < offset; at += piece.length) {
    const read = readAt(descriptor, at, Math.min(piece.length, offset - at), piece);
    for (let index = 0; index < read; index++) if (piece[index] === 10) count++;
  }
  return count;
}
function readSource(settings, path, missing) {
  const directory = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  let absent = missing.get(directory);
  if (absent === void 0) {
    absent = !existsSync(resolve(settings.workspace, directory));
    missing.set(directory, absent);
  }
  if (absent) return void 0;
  try {
    return readRegularFile(resolve(settings.workspace, path), settings.maxBytes).toString("utf8");
  } catch {
    return void 0;
  }
}

// src/coverage/summary.ts
var LANGUAGES = ["rust", "python", "other"];
function emptyTotals() {
  return {
    lines: { found: 0, hit: 0 },
    branches: { found: 0, hit: 0 },
    functions: { found: 0, hit: 0 }
  };
}
function functionCount(file) {
  let hit = 0;
  let plain = true;
  const functions = file.functions;
  for (let index = 0; index < functions.length; index++) {
    const record = functions[index];
    if (record.key !== record.name) plain = false;
    if (record.hits > 0) hit++;
  }
  if (plain) return { found: functions.length, hit };
  return countByKey(file);
}
function countByKey(file) {
  const hitByKey = /* @__PURE__ */ new Map();
  for (const record of file.functions) {
    hitByKey.set(record.key, (hitByKey.get(record.key) ?? false) || record.hits > 0);
  }
  let hit = 0;
  for (const isHit of hitByKey.values()) if (isHit) hit++;
  return { found: hitByKey.size, hit };
}
function lineCount(file) {
  let hit = 0;
  const hits = file.lineHits;
  for (let index = 0; index < hits.length; index++) if (hits[index] > 0) hit++;
  return { found: hits.length, hit };
}
function branchCount(file) {
  let hit = 0;
  const taken = file.branches.taken;
  for (let index = 0; index < taken.length; index++) {
    const value = taken[index];
    if (value > 0 && value !== NOT_EVALUATED) hit++;
  }
  return { found: taken.length, hit };
}
function fileTotals(file) {
  return { lines: lineCount(file), branches: branchCount(file), functions: functionCount(file) };
}
function addInto(target, source) {
  for (const kind of ["lines", "branches", "functions"]) {
    target[kind].found += source[kind].found;
    target[kind].hit += source[kind].hit;
  }
}
function reportTotals(report) {
  const { lines, branches, functions } = emptyTotals();
  for (const file of report.files.values()) {
    const fileLines2 = lineCount(file);
    lines.found += fileLines2.found;
    lines.hit += fileLines2.hit;
    const fileBranches2 = branchCount(file);
    branches.found += fileBranches2.found;
    branches.hit += fileBranches2.hit;
    const fileFunctions = functionCount(file);
    functions.found += fileFunctions.found;
    functions.hit += fileFunctions.hit;
  }
  return { lines, branches, functions };
}
function summarize(report) {
  const totals = emptyTotals();
  const byLanguage = { rust: emptyTotals(), python: emptyTotals(), other: emptyTotals() };
  const files = sortedFiles(report).map((file) => {
    const fileSums = fileTotals(file);
    addInto(totals, fileSums);
    addInto(byLanguage[file.language], fileSums);
    return {
      path: file.path,
      language: file.language,
      outsideWorkspace: file.outsideWorkspace,
      totals: fileSums
    };
  });
  return { totals, byLanguage, files };
}

// src/coverage/byte-sink.ts
var CHUNK_SIZE = 1 << 20;
var encoder = new TextEncoder();
var encodedTags = /* @__PURE__ */ new Map();
var ByteSink = class {
  buffer;
  position = 0;
  full = [];
  /** Buffers handed out and given back by `recycle`, for a consumer that copies each chunk away. */
  spare = [];
  constructor() {
    this.buffer = new Uint8Array(CHUNK_SIZE);
  }
  /**
   * Gives back chunks the consumer is done with (written to a file), so their buffers are
   * reused: a fresh buffer costs a page fault per 4 KiB on first write, which adds up over
   * tens of megabytes of report.
   */
  recycle(chunks) {
    for (const chunk of chunks)
      if (chunk.buffer.byteLength === CHUNK_SIZE) this.spare.push(new Uint8Array(chunk.buffer));
  }
  /** Makes room for `bytes` more bytes (every record a writer emits is far below a chunk). */
  reserve(bytes) {
    if (this.position + bytes > this.buffer.length) this.rotate(bytes);
  }
  /** ASCII text (record tags, punctuation); use `text` for anything from a report. */
  ascii(text) {
    this.reserve(text.length);
    const buffer = this.buffer;
    let position = this.position;
    for (let index = 0; index < text.length; index++) buffer[position++] = text.charCodeAt(index);
    this.position = position;
  }
  /** Any text, UTF-8 encoded (ASCII, the usual case, without calling the encoder). */
  text(text) {
    this.reserve(text.length * 3);
    const buffer = this.buffer;
    let position = this.position;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 128) {
        this.position += encoder.encodeInto(text, buffer.subarray(this.position)).written;
        return;
      }
      buffer[position++] = code;
    }
    this.position = position;
  }
  byte(value) {
    if (this.position === this.buffer.length) this.rotate(1);
    this.buffer[this.position++] = value;
  }
  /** A non-negative integer up to 2^53 - 1. */
  integer(value) {
    this.reserve(16);
    this.position = writeInteger(this.buffer, this.position, value);
  }
  /**
   * `prefix<a>,<b>\n` for each index: the DA and similar records, written with the buffer in
   * local variables and the digits inline (this loop runs once per line of the merged report).
   */
  pairs(prefix, first, second) {
    const count = first.length;
    let tag = encodedTags.get(prefix);
    if (tag === void 0) encodedTags.set(prefix, tag = encoder.encode(prefix));
    const tagLength = tag.length;
    let buffer = this.buffer;
    let position = this.position;
    let limit = buffer.length - 64;
    for (let index = 0; index < count; index++) {
      if (position > limit) {
        this.position = position;
        this.rotate(64);
        buffer = this.buffer;
        position = 0;
        limit = buffer.length - 64;
      }
      for (let char = 0; char < tagLength; char++) buffer[position++] = tag[char];
      position = writeSmallInteger(buffer, position, first[index]);
      buffer[position++] = 44;
      const hits = second[index];
      position = hits < 2147483648 ? writeSmallInteger(buffer, position, hits) : writeInteger(buffer, position, hits);
      buffer[position++] = 10;
    }
    this.position = position;
  }
  /**
   * `BRDA:<line>,[e]<block>,<id>,<taken or ->\n` for unlabelled outcomes (ids ≥ 0), in one
   * loop like `pairs`.
   */
  branchRecords(lines, blocks, ids, taken) {
    let buffer = this.buffer;
    let position = this.position;
    for (let index = 0; index < lines.length; index++) {
      if (position + 80 > buffer.length) {
        this.position = position;
        this.rotate(80);
        buffer = this.buffer;
        position = 0;
      }
      buffer[position++] = 66;
      buffer[position++] = 82;
      buffer[position++] = 68;
      buffer[position++] = 65;
      buffer[position++] = 58;
      position = writeInteger(buffer, position, lines[index]);
      buffer[position++] = 44;
      const block = blocks[index];
      if (block < 0) buffer[position++] = 101;
      position = writeInteger(buffer, position, block < 0 ? -1 - block : block);
      buffer[position++] = 44;
      position = writeInteger(buffer, position, Math.max(0, ids[index]));
      buffer[position++] = 44;
      const count = taken[index];
      if (count < 0) buffer[position++] = 45;
      else position = writeInteger(buffer, position, count);
      buffer[position++] = 10;
    }
    this.position = position;
  }
  /** Chunks filled so far (all but the one being written); the sink forgets them. */
  drain() {
    return this.full.splice(0, this.full.length);
  }
  /** Everything left, including the partly filled chunk. */
  finish() {
    if (this.position > 0) this.full.push(this.buffer.subarray(0, this.position));
    this.buffer = new Uint8Array(0);
    this.position = 0;
    return this.drain();
  }
  rotate(needed) {
    if (this.position > 0) this.full.push(this.buffer.subarray(0, this.position));
    const spare = needed <= CHUNK_SIZE ? this.spare.pop() : void 0;
    this.buffer = spare ?? new Uint8Array(Math.max(CHUNK_SIZE, needed));
    this.position = 0;
  }
};
function writeInteger(buffer, position, value) {
  if (value < 10) {
    buffer[position] = 48 + value;
    return position + 1;
  }
  if (value < 2147483648) return writeSmallInteger(buffer, position, value);
  const digits = String(value);
  for (let index = 0; index < digits.length; index++) buffer[position++] = digits.charCodeAt(index);
  return position;
}
var DIGIT_PAIRS = new Uint8Array(200);
for (let pair = 0; pair < 100; pair++) {
  DIGIT_PAIRS[2 * pair] = 48 + Math.floor(pair / 10);
  DIGIT_PAIRS[2 * pair + 1] = 48 + pair % 10;
}
function writeSmallInteger(buffer, position, value) {
  let rest = value | 0;
  const end = position + digitCount(rest);
  let at = end;
  while (rest >= 100) {
    const quotient = rest / 100 | 0;
    const pair = rest - quotient * 100 << 1;
    buffer[--at] = DIGIT_PAIRS[pair + 1];
    buffer[--at] = DIGIT_PAIRS[pair];
    rest = quotient;
  }
  if (rest >= 10) {
    buffer[at - 1] = DIGIT_PAIRS[(rest << 1) + 1];
    buffer[at - 2] = DIGIT_PAIRS[rest << 1];
  } else buffer[at - 1] = 48 + rest;
  return end;
}
function digitCount(value) {
  if (value < 10) return 1;
  if (value < 100) return 2;
  if (value < 1e3) return 3;
  if (value < 1e4) return 4;
  if (value < 1e5) return 5;
  if (value < 1e6) return 6;
  if (value < 1e7) return 7;
  if (value < 1e8) return 8;
  return value < 1e9 ? 9 : 10;
}

// src/coverage/lcov-writer.ts
function* lcovChunks(report, options = {}) {
  const sink = new ByteSink();
  for (const file of sortedFiles(report)) {
    writeFile(sink, file);
    const chunks = sink.drain();
    yield* chunks;
    if (options.reuseBuffers === true) sink.recycle(chunks);
  }
  yield* sink.finish();
}
function writeFile(sink, file) {
  sink.ascii("TN:\nSF:");
  sink.text(file.path);
  sink.byte(10);
  writeFunctions(sink, file);
  writeBranches(sink, file);
  sink.pairs("DA:", file.lineNumbers, file.lineHits);
  const lines = lineCount(file);
  sink.ascii("LF:");
  sink.integer(lines.found);
  sink.ascii("\nLH:");
  sink.integer(lines.hit);
  sink.ascii("\nend_of_record\n");
}
function writeFunctions(sink, file) {
  const functions = file.functions;
  if (functions.length === 0) return;
  for (let index = 0; index < functions.length; index++) {
    const record = functions[index];
    sink.ascii("FN:");
    sink.integer(record.start);
    sink.byte(44);
    sink.text(record.name);
    sink.byte(10);
  }
  for (let index = 0; index < functions.length; index++) {
    const record = functions[index];
    sink.ascii("FNDA:");
    sink.integer(record.hits);
    sink.byte(44);
    sink.text(record.name);
    sink.byte(10);
  }
  const count = functionCount(file);
  sink.ascii("FNF:");
  sink.integer(count.found);
  sink.ascii("\nFNH:");
  sink.integer(count.hit);
  sink.byte(10);
}
function writeBranches(sink, file) {
  const table = file.branches;
  if (table.lines.length === 0) return;
  const renumber = file.branchSource === "coveragepy-json";
  let outcomeOfLine = 0;
  if (table.labels === void 0 && !renumber) {
    sink.branchRecords(table.lines, table.blocks, table.ids, table.taken);
  } else {
    for (let index = 0; index < table.lines.length; index++) {
      const line = table.lines[index];
      outcomeOfLine = index > 0 && table.lines[index - 1] === line ? outcomeOfLine + 1 : 0;
      sink.ascii("BRDA:");
      sink.integer(line);
      sink.byte(44);
      const block = table.blocks[index];
      if (block < 0) sink.byte(101);
      sink.integer(block < 0 ? -1 - block : block);
      sink.byte(44);
      const label = table.labels?.[index];
      if (label !== void 0) sink.text(label);
      else sink.integer(renumber ? outcomeOfLine : table.ids[index]);
      sink.byte(44);
      const taken = table.taken[index];
      if (taken === NOT_EVALUATED) sink.byte(45);
      else sink.integer(taken);
      sink.byte(10);
    }
  }
  const count = branchCount(file);
  sink.ascii("BRF:");
  sink.integer(count.found);
  sink.ascii("\nBRH:");
  sink.integer(count.hit);
  sink.byte(10);
}

// src/coverage/cobertura-writer.ts
function* coberturaChunks(report, options) {
  const sink = new ByteSink();
  const files = sortedFiles(report);
  const packages = /* @__PURE__ */ new Map();
  const overall = emptyTotals();
  for (const file of files) {
    const totals = fileTotals(file);
    addInto(overall, totals);
    const directory = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
    const members = packages.get(directory) ?? [];
    members.push({ file, totals });
    packages.set(directory, members);
  }
  sink.ascii('<?xml version="1.0" ?>\n');
  sink.ascii("<!-- Written by mixed-coverage; structure of coverage-04.dtd -->\n");
  sink.text(
    `<coverage line-rate="${rate(overall.lines)}" branch-rate="${rate(overall.branches)}" lines-covered="${overall.lines.hit}" lines-valid="${overall.lines.found}" branches-covered="${overall.branches.hit}" branches-valid="${overall.branches.found}" complexity="0" version="${escape(options.version ?? "mixed-coverage")}" timestamp="${options.timestamp ?? 0}">
`
  );
  sink.text(
    `	<sources>
		<source>${escape(toPosixPath(options.root))}</source>
	</sources>
	<packages>
`
  );
  for (const [directory, members] of packages) {
    const totals = emptyTotals();
    for (const member of members) addInto(totals, member.totals);
    const name = directory === "" ? "." : directory.replace(/\//g, ".");
    sink.text(
      `		<package name="${escape(name)}" line-rate="${rate(totals.lines)}" branch-rate="${rate(totals.branches)}" complexity="0">
			<classes>
`
    );
    for (const member of members) {
      writeClass(sink, member.file, member.totals);
      const chunks = sink.drain();
      yield* chunks;
      if (options.reuseBuffers === true) sink.recycle(chunks);
    }
    sink.ascii("			</classes>\n		</package>\n");
  }
  sink.ascii("	</packages>\n</coverage>\n");
  yield* sink.finish();
}
function writeClass(sink, file, totals) {
  const name = file.path.slice(
    Math.max(file.path.lastIndexOf("/"), file.path.lastIndexOf("\\")) + 1
  );
  sink.text(
    `				<class name="${escape(name)}" filename="${escape(file.path)}" line-rate="${rate(totals.lines)}" branch-rate="${rate(totals.branches)}" complexity="0">
`
  );
  sink.ascii("					<methods>\n");
  for (const record of file.functions) {
    const hit = record.hits > 0 ? "1" : "0";
    sink.text(
      `						<method name="${escape(record.name)}" signature="" line-rate="${hit}" branch-rate="1" complexity="0">
							<lines>
								<line number="${record.start}" hits="${record.hits}"/>
							</lines>
						</method>
`
    );
  }
  sink.ascii("					</methods>\n					<lines>\n");
  writeLines(sink, file);
  sink.ascii("					</lines>\n				</class>\n");
}
function writeLines(sink, file) {
  const branches = file.branches;
  let branch = 0;
  for (let index = 0; index < file.lineNumbers.length; index++) {
    const line = file.lineNumbers[index];
    while (branch < branches.lines.length && branches.lines[branch] < line) branch++;
    let total = 0;
    let covered = 0;
    while (branch < branches.lines.length && branches.lines[branch] === line) {
      total++;
      if (branches.taken[branch] > 0) covered++;
      branch++;
    }
    sink.ascii('						<line number="');
    sink.integer(line);
    sink.ascii('" hits="');
    sink.integer(file.lineHits[index]);
    if (total > 0) {
      const percent2 = Math.floor(covered * 100 / total);
      sink.ascii(`" branch="true" condition-coverage="${percent2}% (${covered}/${total})`);
    }
    sink.ascii('"/>\n');
  }
}
function rate(count) {
  return count.found === 0 ? "1" : String(count.hit / count.found);
}
function escape(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// src/coverage/percent.ts
function percent(hit, found) {
  if (found === 0) return 100;
  const rounded = Math.round(hit / found * 1e4) / 100;
  if (rounded === 100 && hit < found) return 99.99;
  if (rounded === 0 && hit > 0) return 0.01;
  return rounded;
}
function formatPercent(hit, found) {
  return percent(hit, found).toFixed(2);
}

// src/coverage/summary-json.ts
function writeSummaryJson(report, summary = summarize(report)) {
  const document = {
    schema: "mixed-coverage-summary/1",
    totals: totalsJson(summary.totals),
    languages: Object.fromEntries(
      LANGUAGES.map((language) => [language, totalsJson(summary.byLanguage[language])])
    ),
    files: summary.files.map((file) => ({
      path: file.path,
      language: file.language,
      outsideWorkspace: file.outsideWorkspace,
      ...totalsJson(file.totals)
    })),
    notes: [...report.notes]
  };
  return `${JSON.stringify(document, null, 2)}
`;
}
function totalsJson(totals) {
  return {
    lines: countJson(totals.lines),
    branches: countJson(totals.branches),
    functions: countJson(totals.functions)
  };
}
function countJson(count) {
  return { found: count.found, hit: count.hit, percent: percent(count.hit, count.found) };
}

// src/coverage/atomic-write.ts
import { closeSync as closeSync3, mkdirSync, openSync as openSync2, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join as join3 } from "node:path";
var AtomicFile = class {
  constructor(path) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
    this.temporary = join3(dirname(path), `.${basename(path)}.${suffix}.tmp`);
    this.descriptor = openSync2(this.temporary, "wx");
  }
  path;
  temporary;
  descriptor;
  write(chunks) {
    const descriptor = this.descriptor;
    if (descriptor === void 0) throw new Error(`${this.path}: already committed or aborted`);
    try {
      for (const chunk of chunks)
        writeAll(descriptor, typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    } catch (error) {
      this.abort();
      throw error;
    }
  }
  /** Puts the complete file in place. */
  commit() {
    if (this.descriptor === void 0) return;
    closeSync3(this.descriptor);
    this.descriptor = void 0;
    try {
      renameSync(this.temporary, this.path);
    } catch (error) {
      rmSync(this.temporary, { force: true });
      throw error;
    }
  }
  /** Drops what was written; the target stays as it was. */
  abort() {
    if (this.descriptor !== void 0) closeSync3(this.descriptor);
    this.descriptor = void 0;
    rmSync(this.temporary, { force: true });
  }
};
function writeFileAtomically(path, chunks) {
  const file = new AtomicFile(path);
  file.write(chunks);
  file.commit();
}
function writeAll(descriptor, bytes) {
  let offset = 0;
  while (offset < bytes.length)
    offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
}
var REPORT_FILE_NAMES = {
  lcov: "lcov.info",
  cobertura: "cobertura.xml",
  summaryJson: "coverage-summary.json"
};
function writeReportFiles(directory, report, options, chosen) {
  mkdirSync(directory, { recursive: true });
  const formats = new Set(chosen);
  const written = {};
  const target = (format) => join3(directory, REPORT_FILE_NAMES[format]);
  if (formats.has("lcov")) {
    writeFileAtomically(target("lcov"), lcovChunks(report, { reuseBuffers: true }));
    written.lcov = target("lcov");
  }
  if (formats.has("cobertura")) {
    writeFileAtomically(
      target("cobertura"),
      coberturaChunks(report, { ...options, reuseBuffers: true })
    );
    written.cobertura = target("cobertura");
  }
  if (formats.has("summaryJson")) {
    writeFileAtomically(target("summaryJson"), [writeSummaryJson(report, options.summary)]);
    written.summaryJson = target("summaryJson");
  }
  return written;
}

// src/cli-run.ts
import { availableParallelism } from "node:os";
import { join as join4 } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

// src/coverage/transfer.ts
function packReport(report) {
  const files = [...report.files.values()];
  const count = (select) => {
    const offsets = new Uint32Array(files.length + 1);
    files.forEach((file, index) => offsets[index + 1] = offsets[index] + select(file));
    return offsets;
  };
  const lineOffsets = count((file) => file.lineNumbers.length);
  const branchOffsets = count((file) => file.branches.lines.length);
  const functionOffsets = count((file) => file.functions.length);
  const lines = lineOffsets[files.length];
  const branches = branchOffsets[files.length];
  const functions = functionOffsets[files.length];
  const packed = {
    paths: files.map((file) => file.path),
    languages: files.map((file) => file.language),
    outside: files.map((file) => file.outsideWorkspace),
    branchSources: files.map((file) => file.branchSource ?? null),
    lineOffsets,
    lineNumbers: new Uint32Array(lines),
    lineHits: new Float64Array(lines),
    branchOffsets,
    branchLines: new Uint32Array(branches),
    branchBlocks: new Int32Array(branches),
    branchIds: new Int32Array(branches),
    branchTaken: new Float64Array(branches),
    branchLabels: files.some((file) => file.branches.labels !== void 0) ? [] : null,
    functionOffsets,
    functionNames: [],
    functionStarts: new Uint32Array(functions),
    functionEnds: new Uint32Array(functions),
    functionHits: new Float64Array(functions),
    functionKeys: [],
    contexts: [],
    sourceRoots: [...report.sourceRoots],
    notes: [...report.notes]
  };
  files.forEach((file, index) => packFile(packed, file, index));
  const transfer = [
    packed.lineNumbers,
    packed.lineHits,
    packed.branchLines,
    packed.branchBlocks,
    packed.branchIds,
    packed.branchTaken,
    packed.functionStarts,
    packed.functionEnds,
    packed.functionHits
  ].map((array) => array.buffer);
  return { packed, transfer };
}
function packFile(packed, file, index) {
  const lineAt = packed.lineOffsets[index];
  packed.lineNumbers.set(file.lineNumbers, lineAt);
  packed.lineHits.set(file.lineHits, lineAt);
  const branchAt = packed.branchOffsets[index];
  packed.branchLines.set(file.branches.lines, branchAt);
  packed.branchBlocks.set(file.branches.blocks, branchAt);
  packed.branchIds.set(file.branches.ids, branchAt);
  packed.branchTaken.set(file.branches.taken, branchAt);
  for (let outcome = 0; outcome < file.branches.lines.length; outcome++) {
    packed.branchLabels?.push(file.branches.labels?.[outcome] ?? null);
  }
  let functionAt = packed.functionOffsets[index];
  for (const record of file.functions) {
    packed.functionNames.push(record.name);
    packed.functionKeys.push(record.key === record.name ? null : record.key);
    packed.functionStarts[functionAt] = record.start;
    packed.functionEnds[functionAt] = record.end ?? 0;
    packed.functionHits[functionAt++] = record.hits;
  }
  for (const [line, names] of file.contexts ?? []) packed.contexts.push([index, line, [...names]]);
}
function unpackReport(packed) {
  const files = /* @__PURE__ */ new Map();
  const contexts = /* @__PURE__ */ new Map();
  for (const [file, line, names] of packed.contexts) {
    const table = contexts.get(file) ?? /* @__PURE__ */ new Map();
    table.set(line, names);
    contexts.set(file, table);
  }
  packed.paths.forEach((path, index) => {
    const lines = [
      packed.lineOffsets[index],
      packed.lineOffsets[index + 1]
    ];
    const branchStart = packed.branchOffsets[index];
    const branchEnd = packed.branchOffsets[index + 1];
    const functionStart = packed.functionOffsets[index];
    const functionEnd = packed.functionOffsets[index + 1];
    const functions = [];
    for (let at = functionStart; at < functionEnd; at++) {
      const name = packed.functionNames[at];
      const end = packed.functionEnds[at];
      const key = packed.functionKeys[at] ?? name;
      functions.push({
        name,
        start: packed.functionStarts[at],
        end: end === 0 ? void 0 : end,
        hits: packed.functionHits[at],
        key
      });
    }
    const branches = branchEnd === branchStart ? EMPTY_BRANCHES : {
      lines: packed.branchLines.subarray(branchStart, branchEnd),
      blocks: packed.branchBlocks.subarray(branchStart, branchEnd),
      ids: packed.branchIds.subarray(branchStart, branchEnd),
      labels: packed.branchLabels?.slice(branchStart, branchEnd).map((label) => label ?? void 0),
      taken: packed.branchTaken.subarray(branchStart, branchEnd)
    };
    files.set(path, {
      path,
      language: packed.languages[index],
      outsideWorkspace: packed.outside[index],
      lineNumbers: packed.lineNumbers.subarray(...lines),
      lineHits: packed.lineHits.subarray(...lines),
      branches,
      branchSource: packed.branchSources[index] ?? void 0,
      functions,
      contexts: contexts.get(index)
    });
  });
  return { files, sourceRoots: packed.sourceRoots, notes: packed.notes };
}

// src/cli-merge.ts
import { closeSync as closeSync4 } from "node:fs";
function classifyInputs(command) {
  const inputs = { lcov: [], others: [] };
  for (const path of command.files) {
    if (sniffFormat(path, command.maxBytes) !== "lcov") {
      inputs.others.push(path);
      continue;
    }
    const { descriptor, statedSize } = openRegularFile(path, command.maxBytes);
    closeSync4(descriptor);
    inputs.lcov.push({ path, size: statedSize });
  }
  return inputs;
}
function readRange(descriptor, start, end, buffer) {
  return buffer.subarray(0, readAt(descriptor, start, end - start, buffer));
}
var WINDOW = 1 << 20;
function splitRanges(inputs) {
  const first = [];
  const second = [];
  const window = Buffer.alloc(WINDOW);
  let anchor;
  for (const { path, size } of inputs) {
    const descriptor = openRegularFile(path, Infinity).descriptor;
    let split;
    try {
      const aligned = anchor === void 0 ? -1 : findAround(descriptor, size, anchor, window);
      split = aligned >= 0 ? aligned : middleRecordStart(descriptor, size, window);
      if (anchor === void 0 && split < size)
        anchor = sourceLineAt(descriptor, split, size, window);
    } finally {
      closeSync4(descriptor);
    }
    first.push({ path, start: 0, end: split });
    if (split < size) second.push({ path, start: split, end: size });
  }
  return { first, second };
}
function middleRecordStart(descriptor, size, window) {
  for (let at = Math.floor(size / 2); at < size; at += WINDOW - 64) {
    const bytes = readRange(descriptor, at, Math.min(size, at + WINDOW), window);
    const boundary = recordBoundaryIn(bytes);
    if (boundary < 0) continue;
    const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(
      "SF:",
      boundary
    );
    return source >= 0 ? at + source : at + boundary;
  }
  return size;
}
function sourceLineAt(descriptor, offset, size, window) {
  const bytes = Buffer.from(readRange(descriptor, offset, Math.min(size, offset + 4096), window));
  const end = bytes.indexOf(10);
  if (!bytes.subarray(0, 3).equals(Buffer.from("SF:")) || end < 0) return void 0;
  return Buffer.concat([Buffer.from("\n"), bytes.subarray(0, end + 1)]);
}
function findAround(descriptor, size, anchor, window) {
  const from = Math.max(0, Math.floor(size / 2) - 8 * WINDOW);
  for (let at = from; at < Math.min(size, from + 16 * WINDOW); at += WINDOW - anchor.length) {
    const bytes = readRange(descriptor, at, Math.min(size, at + WINDOW), window);
    const found = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(anchor);
    if (found >= 0) return at + found + 1;
  }
  return -1;
}
function readSettings(command) {
  return {
    workspace: command.root,
    includeOutside: command.includeOutside,
    pathMaps: command.pathMaps,
    excludeGlobs: command.excludes,
    markerLanguages: command.markers ? ["rust"] : [],
    maxBytes: command.maxBytes
  };
}
function processPart(command, ranges, others) {
  const settings = readSettings(command);
  const inputs = [
    ...ranges.map((range) => ({ ...range, tracefile: true, root: command.root })),
    ...others.map((path) => ({ path, tracefile: false, root: command.root }))
  ];
  return mergeAndExclude(readReportGroup(inputs, settings), settings);
}

// src/cli-run.ts
var PARALLEL_MIN_BYTES = 8 * 1048576;
var PARALLEL_MIN_CORES = 4;
async function mergeAndWrite(command) {
  const inputs = classifyInputs(command);
  const lcovBytes = inputs.lcov.reduce((sum, input) => sum + input.size, 0);
  const written = { root: command.root, timestamp: Date.now() };
  const parallel = command.threads === 2 || command.threads === "auto" && availableParallelism() >= PARALLEL_MIN_CORES && lcovBytes >= PARALLEL_MIN_BYTES;
  if (!parallel || inputs.lcov.length === 0) {
    const whole = inputs.lcov.map(({ path, size }) => ({ path, start: 0, end: size }));
    const report = processPart(command, whole, inputs.others);
    writeReportFiles(command.output, report, written, command.formats);
    return report;
  }
  const { first, second } = splitRanges(inputs.lcov);
  const worker = startWorker(command, second);
  let mine;
  try {
    mine = processPart(command, first, inputs.others);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  const lcov = command.formats.includes("lcov") ? new AtomicFile(join4(command.output, REPORT_FILE_NAMES.lcov)) : void 0;
  lcov?.write(lcovChunks(mine, { reuseBuffers: true }));
  const result = await worker.result;
  if (result.error !== void 0) {
    lcov?.abort();
    throw deserializeError(result.error);
  }
  const theirs = unpackReport(result.packed);
  if ([...theirs.files.keys()].some((path) => mine.files.has(path))) {
    lcov?.abort();
    const merged = mergeReports([mine, theirs]);
    writeReportFiles(command.output, merged, written, command.formats);
    return merged;
  }
  const union = {
    files: new Map([...mine.files, ...theirs.files]),
    sourceRoots: [],
    notes: [...mine.notes, ...theirs.notes]
  };
  lcov?.write(result.chunks ?? []);
  lcov?.commit();
  const rest = command.formats.filter((format) => format !== "lcov");
  writeReportFiles(command.output, union, written, rest);
  return union;
}
function startWorker(command, ranges) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { command, ranges } });
  const result = new Promise((resolve3) => {
    worker.once("message", (message) => resolve3(message));
    worker.once("error", (error) => resolve3({ error: serializeError(error) }));
    worker.once(
      "exit",
      (code) => resolve3({ error: { kind: "other", message: `merge worker exited with code ${code}` } })
    );
  });
  return { result, stop: () => worker.terminate() };
}
function runWorkerIfAny() {
  if (isMainThread || parentPort === null) return false;
  void runWorker(parentPort, workerData);
  return true;
}
async function runWorker(port, { command, ranges }) {
  try {
    const report = processPart(command, ranges, []);
    const chunks = command.formats.includes("lcov") ? [...lcovChunks(report)] : [];
    const { packed, transfer } = packReport(report);
    port.postMessage({ packed, chunks }, [
      ...transfer,
      ...chunks.map((chunk) => chunk.buffer)
    ]);
  } catch (error) {
    port.postMessage({ error: serializeError(error) });
  }
}
function serializeError(error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ReportParseError) {
    return {
      kind: "parse",
      file: error.file,
      line: error.line,
      detail: error.detail,
      message
    };
  }
  if (error instanceof ReportTooLargeError) {
    return {
      kind: "size",
      file: error.file,
      sizeBytes: error.sizeBytes,
      capBytes: error.capBytes,
      message
    };
  }
  if (error instanceof UnknownFormatError) return { kind: "format", file: error.file, message };
  return { kind: "other", message };
}
function deserializeError(error) {
  if (error.kind === "parse") {
    return new ReportParseError(error.file, error.line, error.detail);
  }
  if (error.kind === "size") {
    return new ReportTooLargeError(
      error.file,
      error.sizeBytes,
      error.capBytes
    );
  }
  if (error.kind === "format") return new CoverageError(error.file, error.message);
  return new Error(error.message);
}

// src/cli.ts
var HELP = `Usage: node dist/cli.js merge --output DIR [options] FILE...

Merges coverage reports (lcov tracefiles, Cobertura XML, coverage.py JSON; the format of
each FILE is detected from its content) into DIR/lcov.info, DIR/cobertura.xml and
DIR/coverage-summary.json. The same file in several reports sums, as lcov -a does.

Options:
  -o, --output DIR        directory to write into (created if missing; required)
  --root DIR              workspace root that paths are made relative to (default: cwd)
  --include-outside       keep files outside the root (default: leave them out)
  --exclude GLOB          leave out files matching GLOB (repeatable; ** * ? over paths)
  --path-map FROM=TO      rewrite paths starting with FROM to TO (repeatable)
  --no-markers            do not apply LCOV_EXCL_* markers found in Rust sources
  --format NAME           write only lcov, cobertura or summary (repeatable; default all)
  --max-size-mb N         refuse reports larger than N MB (default ${DEFAULT_MAX_REPORT_MB})
  --threads N             1, or 2 to split the lcov inputs with a worker thread
                          (default: 2 for 8 MB of lcov or more on 4 cores or more)
  -h, --help              show this help

Exit status: 0 when written, 1 when a report is refused (the message names the file, the
line and what was expected), 2 on a usage error.`;
var UsageError = class extends Error {
};
var FORMAT_NAMES = {
  lcov: "lcov",
  cobertura: "cobertura",
  summary: "summaryJson"
};
function parseCommand(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: "string", short: "o" },
      root: { type: "string" },
      "include-outside": { type: "boolean" },
      exclude: { type: "string", multiple: true },
      "path-map": { type: "string", multiple: true },
      "no-markers": { type: "boolean" },
      format: { type: "string", multiple: true },
      "max-size-mb": { type: "string" },
      threads: { type: "string" },
      help: { type: "boolean", short: "h" }
    }
  });
  if (values.help || positionals[0] === "help") return "help";
  const [command, ...files] = positionals;
  if (command !== "merge")
    throw new UsageError(command ? `unknown command '${command}'` : "missing command");
  if (values.output === void 0) throw new UsageError("--output DIR is required");
  if (files.length === 0) throw new UsageError("no report FILE given");
  const maxMb = Number(values["max-size-mb"] ?? DEFAULT_MAX_REPORT_MB);
  if (!Number.isFinite(maxMb) || maxMb <= 0)
    throw new UsageError("--max-size-mb needs a positive number");
  const formats = (values.format ?? ["lcov", "cobertura", "summary"]).map((name) => {
    const format = FORMAT_NAMES[name];
    if (format === void 0)
      throw new UsageError(`--format must be lcov, cobertura or summary, not '${name}'`);
    return format;
  });
  const pathMaps = (values["path-map"] ?? []).map((text) => {
    const separator = text.indexOf("=");
    if (separator <= 0) throw new UsageError(`--path-map needs FROM=TO, not '${text}'`);
    return { from: text.slice(0, separator), to: text.slice(separator + 1) };
  });
  const threads = values.threads === void 0 ? "auto" : Number(values.threads);
  if (threads !== "auto" && threads !== 1 && threads !== 2)
    throw new UsageError("--threads must be 1 or 2");
  return {
    output: resolve2(values.output),
    root: resolve2(values.root ?? process.cwd()),
    includeOutside: values["include-outside"] ?? false,
    excludes: values.exclude ?? [],
    pathMaps,
    markers: !(values["no-markers"] ?? false),
    formats,
    maxBytes: megabytesToBytes(maxMb),
    threads,
    files
  };
}
async function merge(command) {
  const report = await mergeAndWrite(command);
  for (const note of report.notes.slice(0, 20)) console.error(`mixed-coverage: note: ${note}`);
  const totals = reportTotals(report);
  const show = (name, count) => `${name} ${formatPercent(count.hit, count.found)}% (${count.hit}/${count.found})`;
  return `merged ${command.files.length} report(s), ${report.files.size} file(s): ${show("lines", totals.lines)}, ${show("branches", totals.branches)}, ${show("functions", totals.functions)} \u2192 ${command.output}`;
}
async function main(argv) {
  try {
    const command = parseCommand(argv);
    if (command === "help") {
      console.log(HELP);
      return 0;
    }
    console.log(`mixed-coverage: ${await merge(command)}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`mixed-coverage: ${error.message}
Run with --help for usage.`);
      return 2;
    }
    if (error instanceof CoverageError) {
      console.error(`mixed-coverage: error: ${error.message}`);
      return 1;
    }
    console.error(`mixed-coverage: error: ${error.message ?? String(error)}`);
    return 1;
  }
}
function exitWhenFlushed(code) {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
if (!runWorkerIfAny()) exitWhenFlushed(await main(process.argv.slice(2)));
