import { createRequire as __mcCreateRequire } from 'node:module'; const require = __mcCreateRequire(import.meta.url);

// src/cli.ts
import { resolve as resolve3 } from "node:path";
import { parseArgs as parseArgs2 } from "node:util";

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

// src/coverage/show-text.ts
var INVISIBLE = (
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
);
function showControls(text) {
  return text.replace(INVISIBLE, (char) => {
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    if (char === "	") return "\\t";
    return `\\u{${char.charCodeAt(0).toString(16)}}`;
  });
}
function showText(text, max = 200) {
  return text.length > max ? `${showControls(text.slice(0, max))}\u2026` : showControls(text);
}

// src/coverage/errors.ts
var CoverageError = class extends Error {
  constructor(file, message, options) {
    super(showControls(message), options);
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
  constructor(file, sizeBytes, capBytes, remedy = "Raise the cap with the action input `max-report-size-mb` or the CLI flag `--max-size-mb`.") {
    const mb = (bytes) => String(Number((bytes / 1048576).toPrecision(3)));
    super(
      file,
      `${file}: report is ${mb(sizeBytes)} MB, over the ${mb(capBytes)} MB cap. ${remedy}`
    );
    this.sizeBytes = sizeBytes;
    this.capBytes = capBytes;
    this.name = "ReportTooLargeError";
  }
  sizeBytes;
  capBytes;
};
var ReportFileError = class extends CoverageError {
  constructor(file, cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(file, `${file}: cannot be read: ${detail}`, { cause });
    this.name = "ReportFileError";
  }
};
var OutputWriteError = class extends CoverageError {
  constructor(file, cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      file,
      `${file}: cannot be written (${detail}); the reports written before were left as they were`,
      { cause }
    );
    this.name = "OutputWriteError";
  }
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
var MAX_PATH_BYTES = 16383;
var MAX_NAME_BYTES = 16383;
var MAX_FILES_PER_READ = 5e5;
var MAX_FUNCTIONS_PER_REPORT = 4e6;
var MAX_SOURCE_ROOTS = 64;
var MAX_STRING_LENGTH = 2 ** 29 - 24;
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
    if (this.owner !== void 0)
      this.length += this.owner.closeStretch(this.length, this.numbers.length);
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
    if (this.owner !== void 0)
      this.length += this.owner.closeStretch(this.length, this.lines.length);
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
var BRANCH_ARENA_START = 1 << 19;
function createArenas(estimatedLines, estimatedBranches) {
  return {
    lines: new LineArena(estimatedLines),
    branches: new BranchArena(Math.min(estimatedBranches, BRANCH_ARENA_START))
  };
}

// src/coverage/counts.ts
function addCounts(a, b) {
  const sum2 = a + b;
  return sum2 > MAX_COUNT ? MAX_COUNT : sum2;
}
function combineTaken(a, b) {
  if (a === NOT_EVALUATED) return b;
  if (b === NOT_EVALUATED) return a;
  return addCounts(a, b);
}

// src/coverage/stretches.ts
var ROOM_LIMIT = 0.6;
var Stretches = class {
  bounds = [];
  /** Start of the stretch being written, or -1. */
  openStart = -1;
  /** End of the room kept free after the base. */
  baseLimit = 0;
  /**
   * Closes the open stretch at `end`, the arena's length, of `capacity`. Returns how far the
   * arena's length moves: up by the room kept after a base, down by a stretch folded into it.
   */
  closeStretch(end, capacity = end) {
    const start = this.openStart;
    this.openStart = -1;
    if (start < 0 || end <= start) return 0;
    this.bounds.push(start, end);
    if (this.bounds.length === 2) {
      const wanted = this.roomFor(end - start);
      const room = end + wanted <= capacity * ROOM_LIMIT ? wanted : 0;
      this.baseLimit = end + room;
      return room;
    }
    const fits = this.bounds[1] + (end - start) <= this.baseLimit;
    if (!fits || !this.fold(start, end)) return 0;
    this.bounds.length -= 2;
    return start - end;
  }
  /** Entries to keep free after a base of `length` (here: none). */
  roomFor(_length) {
    return 0;
  }
  /**
   * Merges the stretch [start, end), which fits in the room, into the base and updates the
   * base's bounds; false when it cannot (here: never).
   */
  fold(_start, _end) {
    return false;
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
  /** Entries over all closed stretches. */
  total() {
    let total = 0;
    for (let index = 0; index < this.bounds.length; index += 2) {
      total += this.bounds[index + 1] - this.bounds[index];
    }
    return total;
  }
  clear() {
    this.bounds.length = 0;
    this.openStart = -1;
    this.baseLimit = 0;
  }
};

// src/coverage/outcome-stretches.ts
var OutcomeStretches = class extends Stretches {
  constructor(arena, combine) {
    super();
    this.arena = arena;
    this.combine = combine;
  }
  arena;
  combine;
  /** Every stretch in outcome order without repeats (false: build() sorts, nothing is folded). */
  sorted = true;
  roomFor(length) {
    return (length >> 2) + 4;
  }
  /**
   * Merges the ordered stretch [start, end) into the base from the back, as lines are (see
   * LineStretches): base outcomes above each added one move up into the room, an outcome both
   * have is combined, and the base then starts one entry later for each.
   */
  fold(start, end) {
    const arena = this.arena;
    if (!this.sorted || arena.labels !== void 0) return false;
    const baseStart = this.bounds[0];
    const baseEnd = this.bounds[1];
    let read = baseEnd - 1;
    let write = baseEnd + (end - start) - 1;
    for (let added = end - 1; added >= start; added--) {
      while (read >= baseStart && compareOutcomes(arena, read, added) > 0) {
        moveOutcome(arena, read--, write--);
      }
      if (read >= baseStart && compareOutcomes(arena, read, added) === 0) {
        const taken = this.combine(arena.taken[read--], arena.taken[added]);
        moveOutcome(arena, added, write);
        arena.taken[write--] = taken;
      } else moveOutcome(arena, added, write--);
    }
    const shift = write - read;
    if (shift > 0) {
      for (const column of [arena.lines, arena.blocks, arena.ids, arena.taken]) {
        column.copyWithin(baseStart + shift, baseStart, read + 1);
      }
    }
    this.bounds[0] = baseStart + shift;
    this.bounds[1] = baseEnd + (end - start);
    return true;
  }
  clear() {
    super.clear();
    this.sorted = true;
  }
};
function compareOutcomes(arena, a, b) {
  return arena.lines[a] - arena.lines[b] || arena.blocks[a] - arena.blocks[b] || arena.ids[a] - arena.ids[b];
}
function moveOutcome(arena, from, to) {
  arena.lines[to] = arena.lines[from];
  arena.blocks[to] = arena.blocks[from];
  arena.ids[to] = arena.ids[from];
  arena.taken[to] = arena.taken[from];
}

// src/coverage/stretch-merge.ts
var MAX_WAYS = 16;
function stretchesAscending(lines, bounds) {
  for (let pair = 2; pair < bounds.length; pair += 2) {
    const previousLast = lines[bounds[pair - 1] - 1];
    if (lines[bounds[pair]] <= previousLast) return false;
  }
  return true;
}
function stretchTotal(bounds) {
  let total = 0;
  for (let pair = 0; pair < bounds.length; pair += 2) {
    total += bounds[pair + 1] - bounds[pair];
  }
  return total;
}
var lineSumCapped = false;
var scratch = [new LineArena(4096), new LineArena(4096)];
function mergeLineStretches(source, bounds, output) {
  const total = stretchTotal(bounds);
  const start = output.length;
  while (start + total > output.numbers.length) output.grow();
  lineSumCapped = false;
  let extras = source;
  let extraStart = bounds[2] ?? 0;
  let extraEnd = bounds[3] ?? 0;
  for (let pair = 4; pair < bounds.length; pair += 2) {
    const into = scratch[pair / 2 % 2];
    while (total > into.numbers.length) into.grow();
    const [from, to] = [bounds[pair], bounds[pair + 1]];
    extraEnd = mergeTwo(extras, extraStart, extraEnd, source, from, to, into, 0);
    extras = into;
    extraStart = 0;
  }
  const [baseStart, baseEnd] = [bounds[0] ?? 0, bounds[1] ?? 0];
  const end = mergeTwo(source, baseStart, baseEnd, extras, extraStart, extraEnd, output, start);
  output.length = end;
  return {
    numbers: output.numbers.subarray(start, end),
    hits: output.hits.subarray(start, end),
    saturated: lineSumCapped
  };
}
function sum(a, b) {
  const total = addCounts(a, b);
  if (total === MAX_COUNT) lineSumCapped = true;
  return total;
}
function mergeTwo(first, a, aEnd, second, b, bEnd, output, at) {
  const aNumbers = first.numbers;
  const aHits = first.hits;
  const bNumbers = second.numbers;
  const bHits = second.hits;
  const outNumbers = output.numbers;
  const outHits = output.hits;
  let count = at;
  while (a < aEnd && b < bEnd) {
    const next = bNumbers[b];
    let line = aNumbers[a];
    while (line < next) {
      outNumbers[count] = line;
      outHits[count++] = aHits[a++];
      if (a === aEnd) break;
      line = aNumbers[a];
    }
    if (a < aEnd && line === next) {
      outNumbers[count] = line;
      outHits[count++] = sum(aHits[a++], bHits[b++]);
    } else {
      outNumbers[count] = next;
      outHits[count++] = bHits[b++];
    }
  }
  for (; a < aEnd; a++) {
    outNumbers[count] = aNumbers[a];
    outHits[count++] = aHits[a];
  }
  for (; b < bEnd; b++) {
    outNumbers[count] = bNumbers[b];
    outHits[count++] = bHits[b];
  }
  return count;
}

// src/coverage/branch-merge.ts
var takenCapped = false;
var scratch2 = [new BranchArena(1024), new BranchArena(1024)];
function mergeBranchStretches(source, bounds, output) {
  const total = stretchTotal(bounds);
  const start = output.length;
  while (start + total > output.lines.length) output.grow();
  const labelled = source.labels !== void 0;
  takenCapped = false;
  let extras = source;
  let extraStart = bounds[2] ?? 0;
  let extraEnd = bounds[3] ?? 0;
  for (let pair = 4; pair < bounds.length; pair += 2) {
    const into = scratch2[pair / 2 % 2];
    while (total > into.lines.length) into.grow();
    const from = bounds[pair];
    const to = bounds[pair + 1];
    extraEnd = mergeTwo2(labelled, extras, extraStart, extraEnd, source, from, to, into, 0);
    extras = into;
    extraStart = 0;
  }
  const [baseStart, baseEnd] = [bounds[0] ?? 0, bounds[1] ?? 0];
  const end = mergeTwo2(
    labelled,
    source,
    baseStart,
    baseEnd,
    extras,
    extraStart,
    extraEnd,
    output,
    start
  );
  output.length = end;
  return { table: branchView(output, start, end, labelled), saturated: takenCapped };
}
function mergeTwo2(labelled, first, a, aEnd, second, b, bEnd, output, at) {
  let count = at;
  while (a < aEnd && b < bEnd) {
    const order = first.lines[a] - second.lines[b] || first.blocks[a] - second.blocks[b] || first.ids[a] - second.ids[b] || (labelled ? compareLabels(first.labelAt(a), second.labelAt(b)) : 0);
    if (order > 0) {
      copyOutcome(labelled, second, b++, output, count++);
      continue;
    }
    copyOutcome(labelled, first, a++, output, count);
    if (order === 0) {
      const taken = combineTaken(output.taken[count], second.taken[b++]);
      if (taken === MAX_COUNT) takenCapped = true;
      output.taken[count] = taken;
    }
    count++;
  }
  while (a < aEnd) copyOutcome(labelled, first, a++, output, count++);
  while (b < bEnd) copyOutcome(labelled, second, b++, output, count++);
  return count;
}
function copyOutcome(labelled, from, index, to, at) {
  to.lines[at] = from.lines[index];
  to.blocks[at] = from.blocks[index];
  to.ids[at] = from.ids[index];
  to.taken[at] = from.taken[index];
  if (labelled) to.setLabel(at, from.labelAt(index));
}
function compareLabels(a, b) {
  if (a === b) return 0;
  if (a === void 0) return -1;
  if (b === void 0) return 1;
  return a < b ? -1 : 1;
}
function branchView(arena, start, end, labelled) {
  let labels;
  if (labelled) {
    labels = [];
    for (let index = start; index < end; index++) labels.push(arena.labelAt(index));
  }
  return {
    lines: arena.lines.subarray(start, end),
    blocks: arena.blocks.subarray(start, end),
    ids: arena.ids.subarray(start, end),
    labels,
    taken: arena.taken.subarray(start, end)
  };
}

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
    this.stretches = new OutcomeStretches(arena, (a, b) => this.combine(a, b));
  }
  arena;
  onSaturated;
  stretches;
  cursor = -1;
  beginRecord() {
    if (this.arena.owner === this.stretches) this.arena.take(void 0);
    const own = this.stretches;
    this.cursor = own.sorted && own.bounds.length > 0 ? own.baseStart() : -1;
  }
  /**
   * For a reader's hot loop: the index of the base outcome the next one may match in place,
   * or -1 (appending, or labels in play). `matchedUpTo` moves past those the caller added.
   */
  get plainCursor() {
    return this.arena.labels === void 0 && this.cursor < this.stretches.baseEnd() ? this.cursor : -1;
  }
  /** Where the base ends: plainCursor stays below it. */
  get baseEnd() {
    return this.stretches.baseEnd();
  }
  /** The hot loop added the outcomes before `cursor` in place (see plainCursor). */
  matchedUpTo(cursor) {
    this.cursor = cursor;
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
    if (count > own.openStart) {
      const order = compareAt(arena, count - 1, line, block, id, label);
      if (order === 0) {
        arena.taken[count - 1] = this.combine(arena.taken[count - 1], taken);
        return;
      }
      if (order > 0) own.sorted = false;
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
    this.cursor = -1;
  }
  /** Outcomes build() writes into the output arena (see FileBuilder.outputSize). */
  outputSize() {
    const bounds = this.stretches.bounds;
    return bounds.length === 2 && this.stretches.sorted ? 0 : this.stretches.total();
  }
  /**
   * The file's sorted branch table: a view of the arena when it arrived in order, else the
   * stretches merged (or sorted) into `output`.
   */
  build(output) {
    const arena = this.arena;
    if (arena.owner === this.stretches) arena.take(void 0);
    const bounds = this.stretches.bounds;
    if (bounds.length === 0) return EMPTY_BRANCHES;
    if (bounds.length === 2 && this.stretches.sorted) {
      const [start, end] = bounds;
      return {
        lines: arena.lines.subarray(start, end),
        blocks: arena.blocks.subarray(start, end),
        ids: arena.ids.subarray(start, end),
        labels: arena.labels === void 0 ? void 0 : labelsOf(arena, start, end),
        taken: arena.taken.subarray(start, end)
      };
    }
    const merged = this.stretches.sorted && bounds.length <= 2 * MAX_WAYS ? mergeBranchStretches(arena, bounds, output) : sortBranchTable(arena, bounds);
    if (merged.saturated) this.onSaturated();
    return merged.table;
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
  return arena.lines[index] - line || arena.blocks[index] - block || arena.ids[index] - id || compareLabels2(arena.labelAt(index), label);
}
function compareLabels2(a, b) {
  if (a === b) return 0;
  if (a === void 0) return -1;
  if (b === void 0) return 1;
  return a < b ? -1 : 1;
}

// src/coverage/function-table.ts
var FunctionTable = class {
  /** Created when the table outgrows a linear scan (see find). */
  byName;
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
  /** Where the next expected function is (see matchNext). */
  get expected() {
    return this.cursor;
  }
  /**
   * Adds a function; `key` is only asked for when the name is new. A new function goes to
   * `position` of the expected order (default: the end), so that records of later shards,
   * which list it among the same neighbours, find it with matchNext. Returns whether it was new.
   */
  add(name, start, end, hits, key, position = this.order.length) {
    const existing = this.find(name);
    if (existing !== void 0) {
      this.addHits(existing, hits);
      if (start < existing.start || start === existing.start && (end ?? 0) < (existing.end ?? 0)) {
        existing.start = start;
        existing.end = end;
        existing.key = typeof key === "string" ? key : key(name, start);
      }
      return false;
    }
    const record = { name, start, end, hits, key: typeof key === "string" ? key : key(name, start) };
    this.byName?.set(name, record);
    const order = this.order;
    let at = order.length;
    order.push(record);
    for (; at > position; at--) order[at] = order[at - 1];
    order[at] = record;
    return true;
  }
  /**
   * The function named `name`: a scan while the table is small (most files have a few dozen
   * functions, and a map per file cost more than scanning), a map once it is not.
   */
  find(name) {
    const order = this.order;
    if (this.byName === void 0) {
      if (order.length <= SCAN_LIMIT) {
        for (let index = 0; index < order.length; index++) {
          const record = order[index];
          if (record.name === name) return record;
        }
        return void 0;
      }
      this.byName = new Map(order.map((record) => [record.name, record]));
    }
    return this.byName.get(name);
  }
  addHits(record, hits) {
    const total = record.hits + hits;
    if (total >= MAX_COUNT) this.saturated = true;
    record.hits = Math.min(total, MAX_COUNT);
  }
  /**
   * The next expected function when its (ASCII) name equals bytes [start, end) of `data`. A
   * record of another build may lack some functions (cfg'd code, other instantiations), so a
   * few records past the expected one are tried too; a match moves the expectation past it.
   */
  matchNext(data, start, end) {
    const order = this.order;
    const last = Math.min(order.length, this.cursor + LOOKAHEAD);
    for (let index = this.cursor; index < last; index++) {
      const record = order[index];
      if (nameIs(record.name, data, start, end)) {
        this.cursor = index + 1;
        return record;
      }
    }
    return void 0;
  }
  /** Sorted by start line, then name (tracefiles usually list them so: then no sort). */
  list() {
    const list = this.order.slice();
    let budget = 4 * list.length;
    for (let index = 1; index < list.length; index++) {
      const record = list[index];
      let at = index;
      while (at > 0 && compareFunctions(list[at - 1], record) > 0) {
        list[at] = list[at - 1];
        at--;
        if (--budget < 0) {
          list[at] = record;
          return list.sort(compareFunctions);
        }
      }
      list[at] = record;
    }
    return list;
  }
};
var SCAN_LIMIT = 32;
var LOOKAHEAD = 8;
function nameIs(name, data, start, end) {
  if (name.length !== end - start) return false;
  for (let index = 0; index < name.length; index++) {
    const byte = data[start + index];
    if (byte !== name.charCodeAt(index) || byte >= 128) return false;
  }
  return true;
}
function compareFunctions(a, b) {
  return a.start - b.start || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

// src/coverage/line-stretches.ts
var LineStretches = class extends Stretches {
  constructor(arena, onSaturated) {
    super();
    this.arena = arena;
    this.onSaturated = onSaturated;
  }
  arena;
  onSaturated;
  /** Every stretch ascending without repeats (false: build() sorts, nothing is folded). */
  sorted = true;
  roomFor(length) {
    return (length >> 2) + 4;
  }
  fold(start, end) {
    if (!this.sorted) return false;
    this.foldIntoBase(start, end);
    return true;
  }
  /**
   * Merges the ascending stretch [start, end) into the base, from the back: the base's lines
   * above each added line move up into the room (the write position stays at or above the
   * read position: the gap is the lines still to add). A line both have is summed, which
   * leaves one entry free at the front; the base then starts later.
   */
  foldIntoBase(start, end) {
    const numbers = this.arena.numbers;
    const hits = this.arena.hits;
    const baseStart = this.bounds[0];
    const baseEnd = this.bounds[1];
    let read = baseEnd - 1;
    let write = baseEnd + (end - start) - 1;
    for (let added = end - 1; added >= start; added--) {
      const line = numbers[added];
      while (read >= baseStart && numbers[read] > line) {
        numbers[write] = numbers[read];
        hits[write--] = hits[read--];
      }
      if (read >= baseStart && numbers[read] === line) {
        hits[write] = this.sum(hits[read--], hits[added]);
      } else hits[write] = hits[added];
      numbers[write--] = line;
    }
    const shift = write - read;
    if (shift > 0) {
      numbers.copyWithin(baseStart + shift, baseStart, read + 1);
      hits.copyWithin(baseStart + shift, baseStart, read + 1);
    }
    this.bounds[0] = baseStart + shift;
    this.bounds[1] = baseEnd + (end - start);
  }
  sum(a, b) {
    const total = addCounts(a, b);
    if (total === MAX_COUNT) this.onSaturated();
    return total;
  }
  clear() {
    super.clear();
    this.sorted = true;
  }
};

// src/coverage/file-builder.ts
var FileBuilder = class {
  constructor(path, arenas, order = 0) {
    this.path = path;
    this.arenas = arenas;
    this.order = order;
    this.lines = new LineStretches(arenas.lines, () => this.saturated = true);
    this.branchStretches = new BranchStretches(arenas.branches, () => this.saturated = true);
  }
  path;
  arenas;
  order;
  lines;
  /** Next base index a line may match, or -1 when this record appends instead. */
  lineCursor = -1;
  branchStretches;
  functions = new FunctionTable();
  /** Test names per line: a set, since a merge adds each report's names (many thousand a line). */
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
    this.lineCursor = this.lines.sorted && this.lines.bounds.length > 0 ? this.lines.baseStart() : -1;
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
  lineOrderBroken() {
    this.lines.sorted = false;
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
      if (line < last) this.lines.sorted = false;
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
    let existing = this.contexts.get(line);
    if (existing === void 0) this.contexts.set(line, existing = /* @__PURE__ */ new Set());
    for (const name of names) existing.add(name);
  }
  /**
   * Entries build() writes into the output arenas (the rest of the file's tables are views of
   * the arenas it was read into). Asked after reading, when every stretch is closed.
   */
  outputSize() {
    const bounds = this.lines.bounds;
    const lines = bounds.length === 2 && this.lines.sorted ? 0 : this.lines.total();
    return { lines, branches: this.branchStretches.outputSize() };
  }
  /** The file's coverage; merged tables go into `output` (sized by outputSize()). */
  build(output) {
    const lines = this.buildLines(output.lines);
    const branches = this.branchStretches.build(output.branches);
    const functions = this.functions.list();
    if (this.functions.saturated) this.saturated = true;
    const contexts = this.contexts && new Map(
      [...this.contexts].sort((a, b) => a[0] - b[0]).map(([line, names]) => [line, [...names]])
    );
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
  buildLines(output) {
    const arena = this.arenas.lines;
    if (arena.owner === this.lines) arena.take(void 0);
    const bounds = this.lines.bounds;
    if (bounds.length === 2 && this.lines.sorted) {
      return {
        numbers: arena.numbers.subarray(bounds[0], bounds[1]),
        hits: arena.hits.subarray(bounds[0], bounds[1])
      };
    }
    if (this.lines.sorted && bounds.length <= 2 * MAX_WAYS) {
      const merged = mergeLineStretches(arena, bounds, output);
      if (merged.saturated) this.saturated = true;
      return merged;
    }
    const table = gatherLines(arena, bounds, output);
    if (this.lines.sorted && stretchesAscending(arena.numbers, bounds)) return table;
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
function gatherLines(arena, bounds, output) {
  let total = 0;
  for (let index = 0; index < bounds.length; index += 2) {
    total += bounds[index + 1] - bounds[index];
  }
  const offset = output.length;
  while (offset + total > output.numbers.length) output.grow();
  for (let index = 0; index < bounds.length; index += 2) {
    const start = bounds[index];
    const end = bounds[index + 1];
    output.numbers.set(arena.numbers.subarray(start, end), output.length);
    output.hits.set(arena.hits.subarray(start, end), output.length);
    output.length += end - start;
  }
  return {
    numbers: output.numbers.subarray(offset, output.length),
    hits: output.hits.subarray(offset, output.length)
  };
}

// src/coverage/notes.ts
var TALLY_EXAMPLES = 3;
function addTally(tallies, key, count, examples = []) {
  if (count === 0) return;
  const before = tallies.get(key);
  const smallest = smallestTexts([...before?.examples ?? [], ...examples], TALLY_EXAMPLES);
  tallies.set(key, { count: (before?.count ?? 0) + count, examples: smallest });
}
function smallestTexts(texts, limit) {
  const kept = [];
  for (const text of texts) {
    if (kept.length === limit && compareText(text, kept[limit - 1]) >= 0) continue;
    if (kept.includes(text)) continue;
    let at = kept.length;
    while (at > 0 && compareText(text, kept[at - 1]) < 0) at--;
    kept.splice(at, 0, text);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}
function addTallies(target, source) {
  for (const [key, tally] of source ?? []) addTally(target, key, tally.count, tally.examples);
}
function renderTally(key, tally) {
  const examples = `${tally.examples.join(", ")}${tally.count > tally.examples.length ? ", \u2026" : ""}`;
  return key.replace("{count}", String(tally.count)).replace("{examples}", examples);
}
var PREFERENCE = ["lcov", "coveragepy-json", "cobertura"];
function fileNotes(files) {
  const notes = [];
  const saturated = [];
  for (const file of files) {
    if (file.saturated === true) saturated.push(file.path);
    const dropped = file.droppedBranchSources ?? [];
    if (dropped.length > 0 && file.branchSource !== void 0) {
      const formats = [...dropped].sort((a, b) => PREFERENCE.indexOf(a) - PREFERENCE.indexOf(b));
      notes.push(
        `${file.path}: branch data from ${file.branchSource} kept, from ${formats.join(", ")} dropped (their branch identities cannot be added up)`
      );
    }
  }
  if (saturated.length > 0) {
    notes.push(
      `counts in ${saturated.length} file(s) reached 2^53 - 1 and were capped there (first: ${saturated.sort(compareText)[0]})`
    );
  }
  return notes;
}
function reportNotes(report) {
  const notes = [...report.notes, ...fileNotes(report.files.values())];
  for (const [key, tally] of report.tallies ?? []) notes.push(renderTally(key, tally));
  notes.sort(compareText);
  return notes.filter((note, index) => index === 0 || note !== notes[index - 1]);
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
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
  tallies = /* @__PURE__ */ new Map();
  /** Per path: formats whose branch data was dropped (notes.ts writes the note). */
  droppedBranches = /* @__PURE__ */ new Map();
  /** Paths whose counts reached 2^53 - 1 in an earlier merge. */
  saturatedBefore = /* @__PURE__ */ new Set();
  built = false;
  constructor(sizing = {}) {
    this.arenas = createArenas(sizing.lines ?? 1024, sizing.branches ?? 256);
  }
  /** Distinct files so far (readers bound it: each costs memory whatever its records). */
  get fileCount() {
    return this.order.length;
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
  /** Adds to a counted note (see model.ts): counts from several reports or threads add up. */
  addTally(key, count, examples) {
    addTally(this.tallies, key, count, examples);
  }
  addSourceRoots(roots) {
    for (const root of roots) this.sourceRoots.add(root);
  }
  /** Adds every file of a parsed report. */
  add(report) {
    this.addNotes(report.notes);
    addTallies(this.tallies, report.tallies);
    this.addSourceRoots(report.sourceRoots);
    for (const file of report.files.values()) this.addFile(file);
  }
  addFile(file) {
    const builder = this.record(file.path);
    builder.outsideWorkspace = (builder.outsideWorkspace ?? true) && file.outsideWorkspace;
    if (file.saturated === true) this.saturatedBefore.add(file.path);
    for (const format of file.droppedBranchSources ?? []) this.dropBranchSource(file.path, format);
    builder.addLineTable(file.lineNumbers, file.lineHits);
    if (file.branchSource !== void 0 && file.branches.lines.length > 0) {
      this.addBranches(builder, file, file.branchSource);
    }
    for (const record of file.functions) {
      builder.addFunction(record.name, record.start, record.end, record.hits, record.key);
    }
    for (const [line, names] of file.contexts ?? []) builder.addContexts(line, names);
  }
  /**
   * The report. Dropped branch sources and capped counts stay with their files, and counted
   * notes stay tallies, so that a later merge of this report adds up to the same notes
   * (notes.ts writes them out).
   */
  build() {
    this.built = true;
    const files = /* @__PURE__ */ new Map();
    this.arenas.lines.take(void 0);
    this.arenas.branches.take(void 0);
    let outputLines = 0;
    let outputBranches = 0;
    for (const builder of this.order) {
      const size = builder.outputSize();
      outputLines += size.lines;
      outputBranches += size.branches;
    }
    const output = createArenas(outputLines, outputBranches);
    for (const [path, builder] of this.builders) {
      const file = builder.build(output);
      const dropped = this.droppedBranches.get(path);
      dropped?.delete(file.branchSource);
      const saturated = builder.saturated || this.saturatedBefore.has(path);
      files.set(
        path,
        dropped?.size || saturated ? {
          ...file,
          ...dropped?.size ? { droppedBranchSources: [...dropped] } : {},
          ...saturated ? { saturated } : {}
        } : file
      );
    }
    const tallies = new Map(this.tallies);
    return { files, sourceRoots: [...this.sourceRoots], notes: [...this.notes], tallies };
  }
  dropBranchSource(path, format) {
    const dropped = this.droppedBranches.get(path) ?? /* @__PURE__ */ new Set();
    dropped.add(format);
    this.droppedBranches.set(path, dropped);
  }
  addBranches(builder, file, incoming) {
    const existing = builder.branchSource;
    if (existing !== void 0 && existing !== incoming) {
      const incomingWins = BRANCH_PRECEDENCE.indexOf(incoming) < BRANCH_PRECEDENCE.indexOf(existing);
      this.dropBranchSource(file.path, incomingWins ? existing : incoming);
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

// src/coverage/encoding.ts
import { isAscii } from "node:buffer";

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
  const shown2 = Math.min(end, start + limit);
  let text = "";
  for (let index = start; index < shown2; index++) {
    const byte = data[index];
    text += byte >= 32 && byte < 127 ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return `"${text}${end > shown2 ? "\u2026" : ""}"`;
}

// src/coverage/encoding.ts
function wideEncoding(data) {
  const [b0, b1, b2, b3] = data;
  if (b0 === 255 && b1 === 254) return b2 === 0 && b3 === 0 ? "UTF-32LE" : "UTF-16LE";
  if (b0 === 0 && b1 === 0 && b2 === 254 && b3 === 255) return "UTF-32BE";
  if (b0 === 254 && b1 === 255) return "UTF-16BE";
  if (data.length < 4) return void 0;
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return "UTF-32LE";
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return "UTF-32BE";
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return "UTF-16LE";
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return "UTF-16BE";
  return void 0;
}
function checkEncoding(data, source) {
  const encoding = wideEncoding(data);
  if (encoding === void 0) return;
  throw new ReportParseError(
    source,
    1,
    `the report is ${encoding}, and the engine reads UTF-8 only: convert it (iconv -f ${encoding} -t UTF-8) or have the tool write UTF-8`
  );
}
var XML_DECLARATION = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']{0,40})["']/;
var UTF8_LABELS = /* @__PURE__ */ new Set(["utf-8", "utf8", "us-ascii", "ascii"]);
function checkXmlDeclaration(data, start, source) {
  const head = new TextDecoder().decode(data.subarray(start, start + 256));
  const declared = XML_DECLARATION.exec(head)?.[1];
  if (declared === void 0 || UTF8_LABELS.has(declared.toLowerCase())) return;
  if (isAscii(data)) return;
  const label = showText(declared, 40);
  throw new ReportParseError(
    source,
    1,
    `the report declares encoding="${label}" and uses it, and the engine reads UTF-8 only: convert it (iconv -f ${label} -t UTF-8) and declare encoding="UTF-8"`
  );
}
function firstInvalidUtf8(data, start, end) {
  let position = start;
  while (position < end) {
    const byte = data[position];
    if (byte < 128) {
      position++;
      continue;
    }
    const length = byte >= 194 && byte <= 223 ? 2 : byte >= 224 && byte <= 239 ? 3 : byte >= 240 && byte <= 244 ? 4 : 0;
    if (length === 0 || position + length > end) return position;
    const second = data[position + 1];
    const low = byte === 224 ? 160 : byte === 240 ? 144 : 128;
    const high = byte === 237 ? 159 : byte === 244 ? 143 : 191;
    if (second < low || second > high) return position;
    for (let index = 2; index < length; index++) {
      const next = data[position + index];
      if (next < 128 || next > 191) return position;
    }
    position += length;
  }
  return end;
}
function notUtf8Error(data, start, end, source, what) {
  const at = firstInvalidUtf8(data, start, end);
  const bytes = Array.from(
    data.subarray(at, Math.min(at + 4, end)),
    (byte) => `\\x${byte.toString(16).padStart(2, "0")}`
  ).join("");
  return new ReportParseError(
    source,
    lineNumberAt(data, at),
    `expected UTF-8 text in ${what}; found bytes that are not UTF-8 (${bytes}): convert the report to UTF-8 (iconv -f <its encoding> -t UTF-8)`
  );
}

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
  /** For an FN the file did not know: where in the file's function order it came. */
  positions = [];
  /** Entries in use; the arrays keep their length between records (shrinking them costs). */
  count = 0;
  expected = 0;
  byName;
  strayHits;
  groups = /* @__PURE__ */ new Map();
  aliases = [];
  undeclared = 0;
  aliasesWithoutGroup = 0;
  /** FN and FNA records of the whole report (the reader bounds them). */
  declaredInReport = 0;
  declare(name, start, end, at, known, position = 0) {
    const index = this.count++;
    this.declaredInReport++;
    this.known[index] = known;
    this.positions[index] = position;
    this.names[index] = name;
    this.starts[index] = start;
    this.ends[index] = end;
    this.nameStarts[index] = at;
    this.hits[index] = 0;
    if (this.byName !== void 0 && !this.byName.has(name)) this.byName.set(name, index);
  }
  /**
   * Adds hits when the FNDA name bytes equal the next declared name (whose bytes start at its
   * `at` offset in the same data); false otherwise. Only ASCII names match here: the declared
   * name's length counts UTF-16 units, and a shorter non-ASCII name can have as many bytes as a
   * longer one has units (`é` is 2 bytes, `éx` 2 units), so it takes the decoding path.
   */
  addHitsToExpected(data, start, end, hits) {
    const index = this.expected;
    if (index >= this.count) return false;
    const name = this.names[index];
    if (end - start !== name.length) return false;
    const declaredAt = this.nameStarts[index];
    for (let offset = 0; offset < name.length; offset++) {
      const byte = data[start + offset];
      if (byte !== data[declaredAt + offset] || byte >= 128) return false;
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
    this.declaredInReport++;
    this.aliases.push({ index, hits, name });
  }
  /** Moves the record's functions into `file` and resets for the next record. */
  flushInto(file) {
    const count = this.count;
    let inserted = 0;
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
      else {
        const position = this.positions[index] + inserted;
        if (file.functions.add(name, start, this.ends[index], hits, lcovFunctionKey, position))
          inserted++;
      }
    }
    this.undeclared += this.strayHits?.size ?? 0;
    const aliases = this.aliases;
    for (let alias = 0; alias < aliases.length; alias++) {
      const { index, hits, name } = aliases[alias];
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
  /**
   * Counted notes (see model.ts) about records that were ignored: counts, so that the two
   * halves of a tracefile read by two threads add up to what one thread would say.
   */
  tallies() {
    return [
      [`${this.source}: {count} FNDA records name no FN function; ignored`, this.undeclared],
      [`${this.source}: {count} FNA records have no FNL; ignored`, this.aliasesWithoutGroup]
    ];
  }
  reset() {
    this.count = 0;
    this.expected = 0;
    this.byName = void 0;
    this.strayHits = void 0;
    if (this.groups.size > 0) this.groups.clear();
    if (this.aliases.length > 0) this.aliases.length = 0;
  }
};

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
var SATURATED = 1;
var NEW_LINE = 2;
var OUT_OF_ORDER = 3;
var FULL = 4;
function matchedLineRun(data, start, file) {
  const arena = file.lineArena;
  const end = file.baseEnd;
  let cursor = file.matchCursor;
  let position = start;
  for (; ; ) {
    const numbers = arena.numbers;
    const hits = arena.hits;
    let pending = 0;
    let line = 0;
    let value = 0;
    while (data[position] === 68 && data[position + 1] === 65 && data[position + 2] === COLON) {
      let at = position + 3;
      line = data[at] - 48;
      if (line < 1 || line > 9) break;
      let byte = data[++at];
      while (byte >= 48 && byte <= 57) {
        line = line * 10 + byte - 48;
        byte = data[++at];
      }
      if (byte !== COMMA || at > position + 11 || line > MAX_LINE_NUMBER) break;
      const hitsStart = ++at;
      value = data[at] - 48;
      if (value < 0 || value > 9) break;
      byte = data[++at];
      while (byte >= 48 && byte <= 57) {
        value = value * 10 + byte - 48;
        byte = data[++at];
      }
      if (at > hitsStart + 15) break;
      if (byte === NEWLINE) position = at + 1;
      else if (byte === CARRIAGE_RETURN && data[at + 1] === NEWLINE) position = at + 2;
      else break;
      while (cursor < end && numbers[cursor] < line) cursor++;
      if (cursor < end && numbers[cursor] === line) {
        const total = hits[cursor] + value;
        if (total < MAX_COUNT) {
          hits[cursor++] = total;
          continue;
        }
        pending = SATURATED;
      } else pending = NEW_LINE;
      break;
    }
    if (pending === 0) break;
    if (pending === SATURATED) {
      file.markSaturated();
      hits[cursor++] = MAX_COUNT;
    } else appendNewLine(file, line, value);
  }
  file.matchCursor = cursor;
  return position;
}
function appendNewLine(file, line, value) {
  const arena = file.claimLines();
  const count = arena.length;
  if (count > file.lineStretchStart) {
    const last = arena.numbers[count - 1];
    if (line === last) {
      const total = arena.hits[count - 1] + value;
      if (total >= MAX_COUNT) file.markSaturated();
      arena.hits[count - 1] = Math.min(total, MAX_COUNT);
      return;
    }
    if (line < last) file.lineOrderBroken();
  }
  if (count === arena.numbers.length) arena.grow();
  arena.numbers[count] = line;
  arena.hits[count] = value;
  arena.length = count + 1;
}
function appendedLineRun(data, start, file) {
  const arena = file.claimLines();
  let count = arena.length;
  const stretchStart = file.lineStretchStart;
  let position = start;
  for (; ; ) {
    const numbers = arena.numbers;
    const hits = arena.hits;
    let pending = 0;
    let line = 0;
    let value = 0;
    while (data[position] === 68 && data[position + 1] === 65 && data[position + 2] === COLON) {
      let at = position + 3;
      line = data[at] - 48;
      if (line < 1 || line > 9) break;
      let byte = data[++at];
      while (byte >= 48 && byte <= 57) {
        line = line * 10 + byte - 48;
        byte = data[++at];
      }
      if (byte !== COMMA || at > position + 11 || line > MAX_LINE_NUMBER) break;
      const hitsStart = ++at;
      value = data[at] - 48;
      if (value < 0 || value > 9) break;
      byte = data[++at];
      while (byte >= 48 && byte <= 57) {
        value = value * 10 + byte - 48;
        byte = data[++at];
      }
      if (at > hitsStart + 15) break;
      if (byte === NEWLINE) position = at + 1;
      else if (byte === CARRIAGE_RETURN && data[at + 1] === NEWLINE) position = at + 2;
      else break;
      if (count > stretchStart) {
        const last = numbers[count - 1];
        if (line === last) {
          const total = hits[count - 1] + value;
          if (total < MAX_COUNT) {
            hits[count - 1] = total;
            continue;
          }
          pending = SATURATED;
          break;
        }
        if (line < last) {
          pending = OUT_OF_ORDER;
          break;
        }
      }
      if (count === numbers.length) {
        pending = FULL;
        break;
      }
      numbers[count] = line;
      hits[count] = value;
      count++;
    }
    if (pending === 0) break;
    if (pending === SATURATED) {
      file.markSaturated();
      hits[count - 1] = MAX_COUNT;
      continue;
    }
    if (pending === OUT_OF_ORDER) file.lineOrderBroken();
    if (count === arena.numbers.length) {
      arena.length = count;
      arena.grow();
    }
    arena.numbers[count] = line;
    arena.hits[count] = value;
    count++;
  }
  arena.length = count;
  return position;
}
function plainBranchRun(data, start, file) {
  const branches = file.branchStretches;
  const arena = branches.arena;
  let position = start;
  for (; ; ) {
    const lines = arena.lines;
    const blocks = arena.blocks;
    const ids = arena.ids;
    const takenCounts = arena.taken;
    let cursor = branches.plainCursor;
    const end = cursor >= 0 ? branches.baseEnd : 0;
    let pending = false;
    let line = 0;
    let block = 0;
    let id = 0;
    let taken = 0;
    while (data[position] === 66 && data[position + 1] === 82 && data[position + 2] === 68 && data[position + 3] === 65 && data[position + 4] === COLON) {
      let at = position + 5;
      let fieldStart = at;
      let byte = data[at];
      line = 0;
      while (byte >= 48 && byte <= 57) {
        line = line * 10 + byte - 48;
        byte = data[++at];
      }
      if (byte !== COMMA || at === fieldStart || at - fieldStart > 9) break;
      if (line < 1 || line > MAX_LINE_NUMBER) break;
      fieldStart = ++at;
      byte = data[at];
      block = 0;
      while (byte >= 48 && byte <= 57) {
        block = block * 10 + byte - 48;
        byte = data[++at];
      }
      if (byte !== COMMA || at === fieldStart || at - fieldStart > 9) break;
      fieldStart = ++at;
      byte = data[at];
      id = 0;
      while (byte >= 48 && byte <= 57) {
        id = id * 10 + byte - 48;
        byte = data[++at];
      }
      if (byte !== COMMA || at === fieldStart || at - fieldStart > 9) break;
      at++;
      if (data[at] === 45) {
        taken = NOT_EVALUATED;
        at++;
      } else {
        const takenStart = at;
        byte = data[at];
        taken = 0;
        while (byte >= 48 && byte <= 57) {
          taken = taken * 10 + byte - 48;
          byte = data[++at];
        }
        if (at === takenStart || at - takenStart > 15) break;
      }
      const next = lineEnd(data, at);
      if (next < 0) break;
      position = next;
      if (cursor >= 0 && cursor < end && lines[cursor] === line && blocks[cursor] === block && ids[cursor] === id) {
        const before = takenCounts[cursor];
        const total = before === NOT_EVALUATED ? taken : taken === NOT_EVALUATED ? before : before + taken;
        if (total < MAX_COUNT) {
          takenCounts[cursor++] = total;
          continue;
        }
      }
      pending = true;
      break;
    }
    if (cursor >= 0) branches.matchedUpTo(cursor);
    if (!pending) break;
    file.addBranch(line, block, id, void 0, taken);
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

// src/coverage/report-text.ts
var MAX_TEXT_BYTES = {
  path: MAX_PATH_BYTES,
  name: MAX_NAME_BYTES
};
var strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var ASCII_CHECK_BYTES = 256;
var lastView;
function decodeStrictUtf8(data, start, end) {
  if (end - start <= ASCII_CHECK_BYTES && start >= 0 && start < end && end <= data.length) {
    let ascii = true;
    for (let index = start; index < end; index++) {
      if (data[index] >= 128) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      let view = lastView?.deref();
      if (view === void 0 || view.buffer !== data.buffer || view.byteOffset !== data.byteOffset || view.byteLength !== data.byteLength) {
        view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        lastView = new WeakRef(view);
      }
      return view.toString("latin1", start, end);
    }
  }
  try {
    return strictUtf8.decode(data.subarray(start, end));
  } catch {
    return void 0;
  }
}
function lengthProblem(byteLength, kind) {
  const limit = MAX_TEXT_BYTES[kind];
  if (byteLength <= limit) return void 0;
  return `is ${byteLength.toLocaleString("en-US")} bytes long, over the ${limit.toLocaleString("en-US")} a ${kind} may have`;
}
function textProblem(text, kind) {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 32 && code < 127) continue;
    if (code < 32 || code >= 127 && code <= 159) {
      return `holds the control character ${codePoint(code)}`;
    }
    if (code === 65534 || code === 65535) {
      return `holds ${codePoint(code)}, which XML cannot carry`;
    }
    if (code >= 55296 && code <= 57343) {
      const next = text.charCodeAt(index + 1);
      if (code <= 56319 && next >= 56320 && next <= 57343) index++;
      else return `holds a lone surrogate ${codePoint(code)}, which UTF-8 and XML cannot carry`;
    }
  }
  if (text.length * 3 > MAX_TEXT_BYTES[kind])
    return lengthProblem(Buffer.byteLength(text, "utf8"), kind);
  return void 0;
}
function codePoint(code) {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
function readsAsEndLine(name) {
  return /^\d+,/.test(name) ? "a name that starts with digits and a comma reads as an end line in lcov" : void 0;
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
      } else if (file !== void 0 && data[position] === 70) {
        const next = this.plainFunctionRun(position);
        if (next !== position) {
          position = next;
          continue;
        }
      }
      this.position = position;
      this.readRecord();
      position = this.position;
    }
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
    const label = id < 0 ? this.text(fieldStart, lastComma, "name", shape) : void 0;
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
    const path = this.text(position, end, "path", LCOV_SHAPES.SF);
    if (path.trim() === "") this.fail(position, `expected ${LCOV_SHAPES.SF}`);
    this.current = this.accumulator.record(path);
    if (this.accumulator.fileCount > MAX_FILES_PER_READ) {
      this.fail(position, `expected at most ${MAX_FILES_PER_READ.toLocaleString("en-US")} files`);
    }
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
    this.declareFunction(start, end, nameStart, this.restOfLine());
  }
  /**
   * Declares the function of an FN record named by bytes [nameStart, nameEnd). A record of a
   * file seen before (another shard) names the same functions in order: the next expected one
   * is recognised from its bytes; any other name is decoded and checked.
   */
  declareFunction(start, end, nameStart, nameEnd) {
    const table = this.current.functions;
    const known = table.matchNext(this.data, nameStart, nameEnd);
    if (known !== void 0 && known.start === start) {
      this.functions.declare(known.name, start, end, nameStart, known);
    } else {
      const name = this.nameAt(nameStart, nameEnd, LCOV_SHAPES.FN);
      this.functions.declare(name, start, end, nameStart, void 0, table.expected);
    }
    this.checkFunctionCount(nameStart);
  }
  /** Adds an FNDA record's hits to the function named by bytes [nameStart, nameEnd). */
  addFunctionHits(hits, nameStart, nameEnd) {
    if (!this.functions.addHitsToExpected(this.data, nameStart, nameEnd, hits)) {
      this.functions.addHits(this.nameAt(nameStart, nameEnd, LCOV_SHAPES.FNDA), hits);
    }
  }
  /**
   * Consumes consecutive plain `FN:<line>,<name>` and `FNDA:<hits>,<name>` records (a name of
   * printable ASCII that does not start with a digit, LF or CRLF); returns where they stop.
   * They are a tenth of a tracefile's records but the costliest: the differing-shapes merge of
   * `npm run bench` took 0.55 s, 0.41 s with them stripped, when readRecord took each one
   * (a tag lookup, one call per field). Anything else is left to readRecord before any state
   * changed; it reads the record exactly as before and produces the errors.
   */
  plainFunctionRun(start) {
    const data = this.data;
    let position = start;
    while (data[position] === 70 && data[position + 1] === 78) {
      const declaration = data[position + 2] === COLON;
      let at;
      let value;
      if (declaration) {
        at = position + 3;
        value = data[at] - 48;
        if (value < 1 || value > 9) break;
        let byte2 = data[++at];
        while (byte2 >= 48 && byte2 <= 57) {
          value = value * 10 + byte2 - 48;
          byte2 = data[++at];
        }
        if (byte2 !== COMMA || at > position + 11 || value > MAX_LINE_NUMBER) break;
      } else if (data[position + 2] === 68 && data[position + 3] === 65 && data[position + 4] === COLON) {
        at = position + 5;
        const hitsStart = at;
        value = 0;
        let byte2 = data[at];
        while (byte2 >= 48 && byte2 <= 57) {
          value = value * 10 + byte2 - 48;
          byte2 = data[++at];
        }
        if (byte2 !== COMMA || at === hitsStart || at > hitsStart + 15) break;
      } else break;
      const nameStart = ++at;
      let byte = data[at];
      if (byte >= 48 && byte <= 57) break;
      while (byte >= 32 && byte < 127) byte = data[++at];
      const nameEnd = at;
      if (nameEnd === nameStart || nameEnd - nameStart > MAX_NAME_BYTES) break;
      let next;
      if (byte === NEWLINE) next = at + 1;
      else if (byte === CARRIAGE_RETURN && data[at + 1] === NEWLINE) next = at + 2;
      else break;
      if (declaration) this.declareFunction(value, void 0, nameStart, nameEnd);
      else this.addFunctionHits(value, nameStart, nameEnd);
      position = next;
    }
    return position;
  }
  checkFunctionCount(at) {
    if (this.functions.declaredInReport > MAX_FUNCTIONS_PER_REPORT) {
      const limit = MAX_FUNCTIONS_PER_REPORT.toLocaleString("en-US");
      this.fail(at, `expected at most ${limit} functions in one report`);
    }
  }
  readFunctionHits() {
    const hits = this.count(LCOV_SHAPES.FNDA);
    this.expectComma(LCOV_SHAPES.FNDA);
    const nameStart = this.position;
    this.addFunctionHits(hits, nameStart, this.restOfLine());
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
    const at = this.position;
    this.functions.addAlias(index, hits, this.nameToEndOfLine(LCOV_SHAPES.FNA));
    this.checkFunctionCount(at);
  }
  /**
   * Closes the open record: functions resolve now, since FNDA may come before FN. Called at
   * each end_of_record, and by the caller after read(): were it called at the end of read(),
   * the optimised read() (compiled on stack while its loop ran the first piece, before that
   * call had ever run) would fall back to the interpreter there at the end of every piece.
   */
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
    return this.nameAt(start, this.restOfLine(), shape);
  }
  /** Bytes [start, end) as a name (see text), which may not be empty. */
  nameAt(start, end, shape) {
    const name = this.text(start, end, "name", shape);
    if (name === "") this.fail(start, `expected ${shape}`);
    return name;
  }
  /**
   * Bytes [start, end) as a path or name: bounded in length, UTF-8, without a control
   * character (see report-text.ts); anything else is refused with the line.
   */
  text(start, end, kind, shape) {
    const tooLong = lengthProblem(end - start, kind);
    if (tooLong !== void 0) this.fail(start, `expected ${shape}; the ${kind} ${tooLong}`);
    const text = decodeStrictUtf8(this.data, start, end);
    if (text === void 0) throw notUtf8Error(this.data, start, end, this.source, shape);
    const problem = textProblem(text, kind);
    if (problem !== void 0) this.fail(start, `expected ${shape}; the ${kind} ${problem}`);
    return text;
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
    if (this.first) checkEncoding(piece, this.source);
    const bytes = new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength);
    const reader = new LcovReader(bytes, this.source, this.accumulator, this.functions, this.first);
    reader.read();
    reader.endRecord();
    this.first = false;
  }
  /** After the last piece: notes about records that were ignored. */
  finish() {
    for (const [key, count] of this.functions.tallies()) this.accumulator.addTally(key, count);
  }
};

// src/coverage/cobertura-sources.ts
var CoberturaSources = class {
  constructor(scanner) {
    this.scanner = scanner;
  }
  scanner;
  roots = [];
  seen = /* @__PURE__ */ new Set();
  text = "";
  bytes = 0;
  /** Where the open <source> element starts, for errors. */
  offset = 0;
  open() {
    this.text = "";
    this.bytes = 0;
    this.offset = this.scanner.nameStart;
  }
  /** The current text token belongs to the open <source>. */
  addText() {
    const scanner = this.scanner;
    this.bytes += scanner.textEnd - scanner.textStart;
    const tooLong = lengthProblem(this.bytes, "path");
    if (tooLong !== void 0) this.fail(`it ${tooLong}`);
    this.text += scanner.text;
  }
  close() {
    const root = this.text.trim();
    if (root === "") return;
    const problem = textProblem(root, "path");
    if (problem !== void 0) this.fail(`it ${problem}`);
    if (this.seen.has(root)) return;
    this.seen.add(root);
    this.roots.push(root);
    if (this.roots.length > MAX_SOURCE_ROOTS) {
      this.fail(`a report lists at most ${MAX_SOURCE_ROOTS} distinct roots`);
    }
  }
  fail(why) {
    return this.scanner.fail(this.offset, `expected a directory in <source>; ${why}`);
  }
};

// src/coverage/xml-text.ts
var PREDEFINED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
function decodeXmlText(source, start, end) {
  const data = source.data;
  const decode = (from, to) => strictText(source, from, to);
  let ampersand = -1;
  for (let index = start; index < end; index++) {
    if (data[index] === 38) {
      ampersand = index;
      break;
    }
  }
  if (ampersand < 0) return decode(start, end);
  let text = decode(start, ampersand);
  let position = ampersand;
  while (position < end) {
    if (data[position] !== 38) {
      let next = position;
      while (next < end && data[next] !== 38) next++;
      text += decode(position, next);
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
function strictText(source, start, end) {
  const text = decodeStrictUtf8(source.data, start, end);
  if (text === void 0) throw notUtf8Error(source.data, start, end, source.source, "the XML text");
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
    `expected only the predefined entities (&lt; &gt; &amp; &quot; &apos;) or character references; found &${showText(name, 20)};`
  );
}
function shownXmlText(data, start, end, maxChars) {
  const cut = Math.min(end, start + maxChars * 4);
  const text = decodeText(data, start, cut);
  return showText(cut < end ? `${text}\u2026` : text, maxChars);
}

// src/coverage/xml-attributes.ts
function attributeBytes(tag, index) {
  return tag.attributeValueEnd[index] - tag.attributeValueStart[index];
}
function attributeShown(tag, index, maxChars = 40) {
  const start = tag.attributeValueStart[index];
  return shownXmlText(tag.data, start, tag.attributeValueEnd[index], maxChars);
}
function attributeIs(tag, index, text) {
  const start = tag.attributeValueStart[index];
  if (attributeBytes(tag, index) !== text.length) return false;
  for (let offset = 0; offset < text.length; offset++) {
    if ((tag.data[start + offset] | 32) !== (text.charCodeAt(offset) | 32)) {
      return false;
    }
  }
  return true;
}

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
      const close2 = data.indexOf(byte, position + 1);
      if (close2 < 0) fail(position, "expected the closing quote in <!DOCTYPE");
      position = close2;
    } else if (byte === LT || byte === AMPERSAND || byte === PERCENT) {
      fail(position, "expected no markup or entity inside <!DOCTYPE");
    }
    position++;
  }
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
    checkEncoding(data, source);
    if (data[0] === 239 && data[1] === 187 && data[2] === 191) this.position = 3;
    checkXmlDeclaration(data, this.position, source);
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
  /** Byte range of the current TEXT token (character data or the inside of a CDATA section). */
  textStart = 0;
  textEnd = 0;
  textIsCdata = false;
  /** Decoded text of the current TEXT token (decoded on demand: most text is never needed). */
  get text() {
    if (!this.textIsCdata) return decodeXmlText(this, this.textStart, this.textEnd);
    const text = decodeStrictUtf8(this.data, this.textStart, this.textEnd);
    if (text === void 0) {
      throw notUtf8Error(this.data, this.textStart, this.textEnd, this.source, "CDATA");
    }
    return text;
  }
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
      const name = shownXmlText(this.data, start, end, 60);
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
    this.textStart = start;
    this.textEnd = end;
    this.textIsCdata = false;
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
      this.fail(tagStart, `expected </${shownXmlText(data, openStart, openEnd, 60)}>`);
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
      this.textStart = start + 9;
      this.textEnd = end;
      this.textIsCdata = true;
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
    this.sources = new CoberturaSources(scanner);
  }
  scanner;
  accumulator;
  contexts = [];
  sources;
  file;
  className = "";
  method;
  methods = 0;
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
        this.sources.addText();
      }
    }
    this.accumulator.addSourceRoots(this.sources.roots);
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
      this.sources.open();
    } else if (scanner.nameIs("package")) this.checkedText("name", "name", "a package name");
    this.contexts.push(context);
  }
  end() {
    const context = this.contexts.pop();
    if (context === "source") this.sources.close();
    else if (context === "method") this.closeMethod();
    else if (context === "class") this.file = void 0;
  }
  /**
   * Attribute `name` as a path or name (bounded, UTF-8, no control character; see
   * report-text.ts), '' when absent; anything else is refused with the line.
   */
  checkedText(name, kind, what) {
    const scanner = this.scanner;
    const index = scanner.attribute(name);
    if (index < 0) return "";
    const at = scanner.attributeValueStart[index];
    const tooLong = lengthProblem(attributeBytes(scanner, index), kind);
    if (tooLong !== void 0) scanner.fail(at, `expected ${what} in ${name}=; it ${tooLong}`);
    const text = scanner.attributeText(index);
    const problem = textProblem(text, kind);
    if (problem !== void 0) scanner.fail(at, `expected ${what} in ${name}=; it ${problem}`);
    return text;
  }
  openClass() {
    const scanner = this.scanner;
    if (scanner.attribute("filename") < 0)
      scanner.fail(scanner.nameStart, "expected a filename attribute on <class>");
    const path = this.checkedText("filename", "path", "a file name");
    if (path.trim() === "") scanner.fail(scanner.nameStart, "expected a file name in filename=");
    this.className = this.checkedText("name", "name", "a class name");
    this.file = this.accumulator.record(path);
    if (this.accumulator.fileCount > MAX_FILES_PER_READ) {
      const limit = MAX_FILES_PER_READ.toLocaleString("en-US");
      scanner.fail(scanner.nameStart, `expected at most ${limit} files`);
    }
  }
  openMethod() {
    const scanner = this.scanner;
    const hitsIndex = scanner.attribute("hits");
    if (++this.methods > MAX_FUNCTIONS_PER_REPORT) {
      const limit = MAX_FUNCTIONS_PER_REPORT.toLocaleString("en-US");
      scanner.fail(scanner.nameStart, `expected at most ${limit} functions in one report`);
    }
    this.method = {
      offset: scanner.nameStart,
      name: this.checkedText("name", "name", "a method name"),
      signature: this.checkedText("signature", "name", "a method signature"),
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
    if (name === "") return;
    const ambiguous = readsAsEndLine(name);
    if (ambiguous !== void 0)
      this.scanner.fail(method.offset, `expected a method name lcov can carry; ${ambiguous}`);
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
    if (!attributeIs(scanner, branchIndex, "true")) return;
    this.conditions(line, conditionIndex);
  }
  /** `condition-coverage="50% (1/2)"`: total outcomes, the first `covered` of them taken. */
  conditions(line, index) {
    const scanner = this.scanner;
    const offset = scanner.attributeValueStart[index];
    const text = attributeBytes(scanner, index) <= 64 ? scanner.attributeText(index) : "";
    const match = /\((\d{1,9})\/(\d{1,9})\)\s*$/.exec(text);
    if (match === null)
      return scanner.fail(
        offset,
        `expected condition-coverage like "50% (1/2)"; found "${attributeShown(scanner, index)}"`
      );
    const covered = Number(match[1]);
    const total = Number(match[2]);
    if (covered > total || total > MAX_CONDITIONS_PER_LINE) {
      scanner.fail(
        offset,
        `expected condition-coverage with covered \u2264 total \u2264 ${MAX_CONDITIONS_PER_LINE}; found "${attributeShown(scanner, index)}"`
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
      const shown2 = attributeShown(scanner, index);
      scanner.fail(
        start,
        `expected ${name}= to be a whole number from ${min} to ${max}; found "${shown2}"`
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

// src/coverage/coveragepy-json.ts
import { isUtf8 } from "node:buffer";

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
  /** A list of names (the test names of a context), each one a name may be (report-text.ts). */
  names(value, path) {
    if (!Array.isArray(value)) this.fail(path, "a list of strings");
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (typeof item !== "string") this.fail([...path, index], "a string");
      const problem = textProblem(item, "name");
      if (problem !== void 0) this.fail([...path, index], `a test name (this one ${problem})`);
    }
    return value;
  }
};
function isLineNumber(value) {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_LINE_NUMBER;
}
function showPath(path) {
  if (path.length === 0) return "the top level";
  return path.map((part) => typeof part === "number" ? `[${part}]` : `["${showText(part, 120)}"]`).join("");
}

// src/coverage/json-keys.ts
function firstLongKey(text, limit) {
  let open = text.indexOf('"');
  while (open >= 0) {
    let close2 = text.indexOf('"', open + 1);
    while (close2 >= 0 && isEscaped(text, close2)) close2 = text.indexOf('"', close2 + 1);
    if (close2 < 0) return -1;
    if (close2 - open - 1 > limit && isKey(text, close2 + 1)) return open;
    open = text.indexOf('"', close2 + 1);
  }
  return -1;
}
function isEscaped(text, at) {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
  return backslashes % 2 === 1;
}
function isKey(text, from) {
  let position = from;
  while (/[ \t\n\r]/.test(text[position] ?? "")) position++;
  return text[position] === ":";
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
var JSON_STRING_REMEDY = "coverage.py JSON is parsed whole, and JavaScript holds at most 512 MiB of text in one string: write Cobertura XML instead (coverage xml), which is read as a stream.";
function parseCoveragePyJson(data, source, options) {
  checkReportSize(data.length, source, options);
  checkEncoding(data, source);
  if (data.length > MAX_STRING_LENGTH) {
    throw new ReportTooLargeError(source, data.length, MAX_STRING_LENGTH, JSON_STRING_REMEDY);
  }
  if (!isUtf8(data)) throw notUtf8Error(data, 0, data.length, source, "the report");
  const text = new TextDecoder().decode(data);
  const longKey = firstLongKey(text, MAX_PATH_BYTES);
  if (longKey >= 0) {
    const limit = MAX_PATH_BYTES.toLocaleString("en-US");
    throw new ReportParseError(
      source,
      lineOfOffset(text, longKey),
      `expected keys (paths, names) of at most ${limit} characters`
    );
  }
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
  const counts = { functions: 0 };
  for (const path of Object.keys(files)) readFile(fields, accumulator, path, files[path], counts);
  return accumulator.build();
}
function readFile(fields, accumulator, path, value, counts) {
  const at = ["files", path];
  const problem = path.trim() === "" ? "is empty" : textProblem(path, "path");
  if (problem !== void 0) fields.fail(at, `a file path as the key (this one ${problem})`);
  const entry = fields.object(value, at);
  const executed = fields.lines(entry.executed_lines, [...at, "executed_lines"]);
  const missing = fields.lines(entry.missing_lines, [...at, "missing_lines"]);
  const excluded = fields.lines(entry.excluded_lines, [...at, "excluded_lines"]);
  const summary = fields.optionalObject(entry.summary, [...at, "summary"]);
  const coveredLines = fields.count(summary?.covered_lines, [...at, "summary", "covered_lines"]);
  const classes = regions(fields, entry.classes, [...at, "classes"]);
  const functions = regions(fields, entry.functions, [...at, "functions"]);
  counts.functions += functions.length;
  if (counts.functions > MAX_FUNCTIONS_PER_REPORT) {
    const limit = MAX_FUNCTIONS_PER_REPORT.toLocaleString("en-US");
    fields.fail([...at, "functions"], `at most ${limit} functions in one report`);
  }
  const statements = statementLines({ executed, missing, excluded, coveredLines, classes });
  const file = accumulator.record(path);
  if (accumulator.fileCount > MAX_FILES_PER_READ)
    fields.fail(at, `at most ${MAX_FILES_PER_READ.toLocaleString("en-US")} files`);
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
    file.addContexts(number, fields.names(names, [...at, "contexts", line]));
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
  if (region.name === "") return;
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
    const problem = textProblem(name, "name") ?? readsAsEndLine(name);
    if (problem !== void 0) fields.fail(here, `a region name as the key (this one ${problem})`);
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
  checkEncoding(data, source);
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
  throw new UnknownFormatError(source, `it starts with "${showText(head.slice(0, 20), 20)}"`);
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
var NONE = -1;
var NOT_SLASH = -2;
var ANY = -3;
var SLASH2 = 47;
function anyDirectories(states) {
  const at = states.length;
  states.push({ loop: NONE, step: NONE, skips: [at + 1, at + 3] });
  states.push({ loop: ANY, step: NONE, skips: [at + 2] });
  states.push({ loop: NONE, step: SLASH2, skips: [] });
}
function compileStates(pattern) {
  const normalized = pattern.replace(/\\/g, "/").replace(/^\.\//, "").replace(/^\//, "");
  const states = [];
  if (!normalized.includes("/")) anyDirectories(states);
  for (let index = 0; index < normalized.length; index++) {
    const char = normalized[index];
    const at = states.length;
    if (char === "*" && normalized[index + 1] === "*") {
      const atSegmentStart = index === 0 || normalized[index - 1] === "/";
      if (atSegmentStart && normalized[index + 2] === "/") {
        anyDirectories(states);
        index += 2;
      } else {
        states.push({ loop: ANY, step: NONE, skips: [at + 1] });
        index += 1;
      }
    } else if (char === "*") states.push({ loop: NOT_SLASH, step: NONE, skips: [at + 1] });
    else if (char === "?") states.push({ loop: NONE, step: NOT_SLASH, skips: [] });
    else states.push({ loop: NONE, step: char.charCodeAt(0), skips: [] });
  }
  return states;
}
function accepts(test, code) {
  return test === ANY || (test === NOT_SLASH ? code !== SLASH2 : test === code);
}
function close(states, active) {
  for (let index = 0; index < states.length; index++) {
    if (active[index] === 0) continue;
    for (const target of states[index].skips) active[target] = 1;
  }
}
function compileGlob(pattern) {
  const states = compileStates(pattern);
  const size = states.length + 1;
  return {
    pattern,
    matches(path) {
      let active = new Uint8Array(size);
      let next = new Uint8Array(size);
      active[0] = 1;
      close(states, active);
      for (let position = 0; position < path.length; position++) {
        const code = path.charCodeAt(position);
        next.fill(0);
        let any = false;
        for (let index = 0; index < states.length; index++) {
          if (active[index] === 0) continue;
          const state = states[index];
          if (accepts(state.loop, code)) {
            next[index] = 1;
            any = true;
          }
          if (accepts(state.step, code)) {
            next[index + 1] = 1;
            any = true;
          }
        }
        if (!any) return false;
        close(states, next);
        [active, next] = [next, active];
      }
      return active[states.length] === 1;
    }
  };
}
function matchesAnyGlob(path, globs) {
  return globs.some((glob) => glob.matches(path));
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
  const globs = options.excludeGlobs.map(compileGlob);
  const languages = new Set(options.markerLanguages ?? ["rust", "python", "other"]);
  const files = /* @__PURE__ */ new Map();
  const notes = [...report.notes];
  let globbed = 0;
  for (const [path, file] of report.files) {
    if (matchesAnyGlob(path, globs)) {
      globbed++;
      continue;
    }
    const text = languages.has(file.language) ? sourceOf(path, options, notes) : void 0;
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
  const tallies = /* @__PURE__ */ new Map();
  addTallies(tallies, report.tallies);
  addTally(tallies, "{count} file(s) matched exclude patterns and were left out", globbed);
  return { files, sourceRoots: report.sourceRoots, notes, tallies };
}
function sourceOf(path, options, notes) {
  try {
    return options.readSource(path);
  } catch (error) {
    if (!(error instanceof CoverageError)) throw error;
    notes.push(`${path}: its LCOV_EXCL markers were not read: ${error.message}`);
    return void 0;
  }
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

// src/coverage/branch-limit.ts
function overfullLines(table) {
  const overfull = /* @__PURE__ */ new Map();
  const lines = table.lines;
  let start = 0;
  for (let index = 1; index <= lines.length; index++) {
    if (index < lines.length && lines[index] === lines[start]) continue;
    if (index - start > MAX_CONDITIONS_PER_LINE) overfull.set(lines[start], index - start);
    start = index;
  }
  return overfull;
}
function limitBranchesPerLine(report) {
  let files;
  const notes = [...report.notes];
  for (const [path, file] of report.files) {
    const overfull = overfullLines(file.branches);
    if (overfull.size === 0) continue;
    for (const [line, count] of overfull) {
      notes.push(
        `${path}:${line}: ${count} branch outcomes, more than the ${MAX_CONDITIONS_PER_LINE.toLocaleString("en-US")} a line may have; its branch data was left out`
      );
    }
    const branches = keptBranches(file.branches, (line) => overfull.has(line));
    files ??= new Map(report.files);
    files.set(path, {
      ...file,
      branches,
      branchSource: branches.lines.length === 0 ? void 0 : file.branchSource
    });
  }
  return files === void 0 ? report : { ...report, files, notes };
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
function join(base, relative2) {
  return toPosixPath(`${base}/${relative2}`);
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
  const packageDirs = options.packageDirs ?? [
    "",
    "src",
    "python",
    "lib",
    ...roots.map((sourceRoot) => relativeTo(root, sourceRoot)).filter((dir) => dir !== void 0)
  ];
  const where = { root, roots, packageDirs, exists: options.exists, maps: options.pathMaps ?? [] };
  const renamed = [];
  const leftOut = { outside: [], rootItself: [], tooLong: 0 };
  for (const file of report.files.values()) {
    const path = resolvedPath(file.path, where);
    const relative2 = relativeTo(root, path);
    const finalPath = relative2 ?? path;
    if (relative2 === "") leftOut.rootItself.push(file.path);
    else if (relative2 === void 0 && !options.includeOutside) leftOut.outside.push(path);
    else if (finalPath.length > MAX_PATH_BYTES) leftOut.tooLong++;
    else {
      const outsideWorkspace = relative2 === void 0;
      renamed.push({ ...file, path: finalPath, language: languageOf(finalPath), outsideWorkspace });
    }
  }
  const notes = [...report.notes];
  const tallies = leftOutTallies(report.tallies, root, leftOut);
  const files = collect(renamed, notes, tallies);
  return { files, sourceRoots: [], notes, tallies };
}
function resolvedPath(name, where) {
  let path = applyPathMaps(toPosixPath(name), where.maps, where.root);
  if (!isAbsolutePosix(path)) path = resolveRelative(path, where.roots, where.root, where.exists);
  const installed = mapInstalled(path, where.packageDirs, where.exists);
  return installed === void 0 ? path : join(where.root, installed);
}
function leftOutTallies(before, root, leftOut) {
  const tallies = /* @__PURE__ */ new Map();
  addTallies(tallies, before);
  addTally(
    tallies,
    `{count} file(s) outside the workspace ${root} were left out: {examples} (include-outside keeps them)`,
    leftOut.outside.length,
    leftOut.outside
  );
  addTally(
    tallies,
    `{count} record(s) name the workspace root ${root} itself, not a file, and were left out: {examples}`,
    leftOut.rootItself.length,
    leftOut.rootItself
  );
  addTally(
    tallies,
    `{count} file(s) were left out: their paths are longer than ${MAX_PATH_BYTES} characters once resolved`,
    leftOut.tooLong
  );
  return tallies;
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
      const relative2 = relativeTo(root, candidate);
      if (relative2 !== void 0 && relative2 !== "" && exists(relative2)) return candidate;
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
function collect(files, notes, tallies) {
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
    addTallies(tallies, merged.tallies);
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
function withFile(path, action) {
  try {
    return action();
  } catch (error) {
    throw error instanceof CoverageError ? error : new ReportFileError(path, error);
  }
}
function openRegularFile(path, maxBytes) {
  const descriptor = withFile(path, () => openSync(path, constants.O_RDONLY | constants.O_NONBLOCK));
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
    return withFile(path, () => readToEnd(descriptor, path, statedSize, maxBytes));
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
  const exists = (relative2) => existsSync(join2(settings.workspace, relative2));
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
  const excluded = applyExclusions(mergeReports(reports), {
    excludeGlobs: settings.excludeGlobs,
    markerLanguages: settings.markerLanguages,
    readSource: (path) => readSource(settings, path, missingDirectories)
  });
  return limitBranchesPerLine(excluded);
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
      buffer = withFile(
        input.path,
        () => readTracefile(accumulator, input.path, file.descriptor, range, buffer)
      );
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
    const read = withFile(path, () => readAt(descriptor, 0, head.length, head));
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
  } catch (error) {
    const cause = error instanceof ReportFileError ? error.cause : error;
    if (cause.code === "ENOENT") return void 0;
    if (error instanceof CoverageError) throw error;
    throw new ReportFileError(path, error);
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
var countedFiles = /* @__PURE__ */ new WeakMap();
function countedTotals(file) {
  let totals = countedFiles.get(file);
  if (totals === void 0) {
    totals = { lines: lineCount(file), branches: branchCount(file), functions: functionCount(file) };
    countedFiles.set(file, totals);
  }
  return totals;
}
function fileTotals(file) {
  const { lines, branches, functions } = countedTotals(file);
  return { lines: { ...lines }, branches: { ...branches }, functions: { ...functions } };
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
    const counted = countedTotals(file);
    lines.found += counted.lines.found;
    lines.hit += counted.lines.hit;
    branches.found += counted.branches.found;
    branches.hit += counted.branches.hit;
    functions.found += counted.functions.found;
    functions.hit += counted.functions.hit;
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
  const small = value | 0;
  if (small < 10) {
    buffer[position] = 48 + small;
    return position + 1;
  }
  if (small < 100) {
    buffer[position] = DIGIT_PAIRS[small << 1];
    buffer[position + 1] = DIGIT_PAIRS[(small << 1) + 1];
    return position + 2;
  }
  if (small < 1e4) {
    const high = small / 100 | 0;
    const low = small - high * 100 << 1;
    if (high < 10) {
      buffer[position] = 48 + high;
      buffer[position + 1] = DIGIT_PAIRS[low];
      buffer[position + 2] = DIGIT_PAIRS[low + 1];
      return position + 3;
    }
    buffer[position] = DIGIT_PAIRS[high << 1];
    buffer[position + 1] = DIGIT_PAIRS[(high << 1) + 1];
    buffer[position + 2] = DIGIT_PAIRS[low];
    buffer[position + 3] = DIGIT_PAIRS[low + 1];
    return position + 4;
  }
  let rest = small;
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
  const totals = fileTotals(file);
  sink.ascii("TN:\nSF:");
  sink.text(file.path);
  sink.byte(10);
  writeFunctions(sink, file, totals);
  writeBranches(sink, file, totals);
  sink.pairs("DA:", file.lineNumbers, file.lineHits);
  const lines = totals.lines;
  sink.ascii("LF:");
  sink.integer(lines.found);
  sink.ascii("\nLH:");
  sink.integer(lines.hit);
  sink.ascii("\nend_of_record\n");
}
function writeFunctions(sink, file, totals) {
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
  const count = totals.functions;
  sink.ascii("FNF:");
  sink.integer(count.found);
  sink.ascii("\nFNH:");
  sink.integer(count.hit);
  sink.byte(10);
}
function writeBranches(sink, file, totals) {
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
  const count = totals.branches;
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
    if (total > MAX_CONDITIONS_PER_LINE) {
      throw new CoverageError(
        file.path,
        `${file.path}:${line}: ${total} branch outcomes on one line cannot be written as condition-coverage`
      );
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
var SUMMARY_SCHEMA = "mixed-coverage-summary/2";
var ENTRIES_PER_CHUNK = 1024;
function* summaryJsonChunks(report, summary = summarize(report)) {
  const languages = Object.fromEntries(
    LANGUAGES.map((language) => [language, totalsJson(summary.byLanguage[language])])
  );
  yield `{
  "schema": ${JSON.stringify(SUMMARY_SCHEMA)},
  "totals": ${nested(totalsJson(summary.totals), 1)},
  "languages": ${nested(languages, 1)},
  "files": `;
  const files = summary.files;
  yield* arrayChunks(files.length, (index) => {
    const file = files[index];
    return {
      path: file.path,
      language: file.language,
      outsideWorkspace: file.outsideWorkspace,
      ...totalsJson(file.totals)
    };
  });
  yield ',\n  "notes": ';
  const notes = reportNotes(report);
  yield* arrayChunks(notes.length, (index) => notes[index]);
  yield "\n}\n";
}
function nested(value, depth) {
  return JSON.stringify(value, null, 2).replace(/\n/g, `
${"  ".repeat(depth)}`);
}
function* arrayChunks(length, item) {
  if (length === 0) {
    yield "[]";
    return;
  }
  for (let start = 0; start < length; start += ENTRIES_PER_CHUNK) {
    const entries = [];
    for (let index = start; index < Math.min(length, start + ENTRIES_PER_CHUNK); index++) {
      entries.push(`    ${nested(item(index), 2)}`);
    }
    yield `${start === 0 ? "[\n" : ",\n"}${entries.join(",\n")}`;
  }
  yield "\n  ]";
}
function totalsJson(totals) {
  return {
    lines: countJson(totals.lines),
    branches: countJson(totals.branches),
    functions: countJson(totals.functions)
  };
}
function countJson(count) {
  const value = count.found === 0 ? null : percent(count.hit, count.found);
  return { found: count.found, hit: count.hit, percent: value };
}

// src/coverage/atomic-file.ts
import { closeSync as closeSync3, mkdirSync, openSync as openSync2, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join as join3 } from "node:path";
var AtomicFile = class {
  constructor(path) {
    this.path = path;
    try {
      mkdirSync(dirname(path), { recursive: true });
      const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
      this.temporary = join3(dirname(path), `.${basename(path)}.${suffix}.tmp`);
      this.descriptor = openSync2(this.temporary, "wx");
    } catch (error) {
      throw new OutputWriteError(path, error);
    }
  }
  path;
  temporary;
  descriptor;
  /** Appends chunks; a failure drops what was written and names the target. */
  write(chunks) {
    const descriptor = this.descriptor;
    if (descriptor === void 0) throw new Error(`${this.path}: already committed or aborted`);
    try {
      for (const chunk of chunks)
        writeAll(descriptor, typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    } catch (error) {
      this.abort();
      throw isSystemError(error) ? new OutputWriteError(this.path, error) : error;
    }
  }
  /** Closes the temporary file; it is then complete and waits to be renamed. */
  close() {
    if (this.descriptor === void 0) return;
    closeSync3(this.descriptor);
    this.descriptor = void 0;
  }
  /** Puts the complete file in place. */
  commit() {
    this.close();
    try {
      renameSync(this.temporary, this.path);
    } catch (error) {
      rmSync(this.temporary, { force: true });
      throw new OutputWriteError(this.path, error);
    }
  }
  /** Drops what was written; the target stays as it was. */
  abort() {
    if (this.descriptor !== void 0) closeSync3(this.descriptor);
    this.descriptor = void 0;
    rmSync(this.temporary, { force: true });
  }
};
function isSystemError(error) {
  return typeof error.code === "string";
}
function writeAll(descriptor, bytes) {
  let offset = 0;
  while (offset < bytes.length)
    offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
}

// src/coverage/output-set.ts
import { copyFileSync, linkSync, lstatSync, mkdirSync as mkdirSync2, renameSync as renameSync2, rmSync as rmSync2 } from "node:fs";
import { basename as basename2, dirname as dirname2, join as join4 } from "node:path";
var REPORT_FILE_NAMES = {
  lcov: "lcov.info",
  cobertura: "cobertura.xml",
  summaryJson: "coverage-summary.json"
};
var ORDER = Object.keys(REPORT_FILE_NAMES);
var OutputSet = class {
  constructor(directory, chosen, options = {}) {
    this.directory = directory;
    this.rename = options.rename ?? renameSync2;
    this.formats = ORDER.filter((format) => chosen.includes(format));
    try {
      mkdirSync2(directory, { recursive: true });
    } catch (error) {
      throw new OutputWriteError(directory, error);
    }
    try {
      for (const format of this.formats) {
        this.paths[format] = join4(directory, REPORT_FILE_NAMES[format]);
        this.files.set(format, new AtomicFile(this.paths[format]));
      }
    } catch (error) {
      this.abort();
      throw error;
    }
  }
  directory;
  /** The chosen formats, in the order they are written and renamed. */
  formats;
  paths = {};
  files = /* @__PURE__ */ new Map();
  rename;
  /** Appends chunks to the temporary file of `format`. */
  write(format, chunks) {
    const file = this.files.get(format);
    if (file === void 0) throw new Error(`${format} is not in this output set`);
    file.write(chunks);
  }
  /** Drops what was written for `format` so far; it is written again from the start. */
  restart(format) {
    this.files.get(format)?.abort();
    this.files.set(format, new AtomicFile(this.paths[format]));
  }
  /** Puts every file in place, or none (see the module comment). */
  commit() {
    const files = [...this.files.values()];
    for (const file of files) file.close();
    const backups = /* @__PURE__ */ new Map();
    try {
      for (const file of files) backups.set(file, backUp(file.path));
      const replaced = [];
      try {
        for (const file of files) {
          this.renameOrName(file);
          replaced.push(file);
        }
      } catch (error) {
        for (const file of replaced.reverse()) restore(file.path, backups.get(file));
        throw error;
      }
    } finally {
      this.abort();
      for (const backup of backups.values())
        if (backup !== void 0) rmSync2(backup, { force: true });
    }
  }
  /** Removes every temporary file not renamed; the targets stay as they are. */
  abort() {
    for (const file of this.files.values()) file.abort();
  }
  renameOrName(file) {
    try {
      this.rename(file.temporary, file.path);
    } catch (error) {
      throw new OutputWriteError(file.path, error);
    }
  }
};
function backUp(path) {
  try {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (stats === void 0) return void 0;
    if (stats.isDirectory()) throw new Error("a directory is in its place");
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
    const backup = join4(dirname2(path), `.${basename2(path)}.${suffix}.old`);
    try {
      linkSync(path, backup);
    } catch {
      copyFileSync(path, backup);
    }
    return backup;
  } catch (error) {
    throw new OutputWriteError(path, error);
  }
}
function restore(path, backup) {
  if (backup === void 0) rmSync2(path, { force: true });
  else renameSync2(backup, path);
}

// src/coverage/atomic-write.ts
function reportChunks(format, report, options) {
  if (format === "lcov") return lcovChunks(report, { reuseBuffers: true });
  if (format === "cobertura") return coberturaChunks(report, { ...options, reuseBuffers: true });
  return summaryJsonChunks(report, options.summary);
}

// src/cli-run.ts
import { availableParallelism } from "node:os";
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
    ...packedNotes(report, files)
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
function packedNotes(report, files) {
  return {
    saturated: files.map((file) => file.saturated === true),
    droppedBranchSources: files.map(
      (file) => file.droppedBranchSources ? [...file.droppedBranchSources] : null
    ),
    sourceRoots: [...report.sourceRoots],
    notes: [...report.notes],
    tallies: [...report.tallies ?? []].map(([key, tally]) => [
      key,
      tally.count,
      [...tally.examples]
    ])
  };
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
    const dropped = packed.droppedBranchSources[index];
    files.set(path, {
      path,
      language: packed.languages[index],
      outsideWorkspace: packed.outside[index],
      lineNumbers: packed.lineNumbers.subarray(...lines),
      lineHits: packed.lineHits.subarray(...lines),
      branches: unpackBranches(packed, index),
      branchSource: packed.branchSources[index] ?? void 0,
      functions: unpackFunctions(packed, index),
      contexts: contexts.get(index),
      ...dropped ? { droppedBranchSources: dropped } : {},
      ...packed.saturated[index] ? { saturated: true } : {}
    });
  });
  const tallies = new Map(
    packed.tallies.map(([key, count, examples]) => [key, { count, examples }])
  );
  return { files, sourceRoots: packed.sourceRoots, notes: packed.notes, tallies };
}
function unpackFunctions(packed, index) {
  const functions = [];
  const last = packed.functionOffsets[index + 1];
  for (let at = packed.functionOffsets[index]; at < last; at++) {
    const name = packed.functionNames[at];
    const end = packed.functionEnds[at];
    functions.push({
      name,
      start: packed.functionStarts[at],
      end: end === 0 ? void 0 : end,
      hits: packed.functionHits[at],
      key: packed.functionKeys[at] ?? name
    });
  }
  return functions;
}
function unpackBranches(packed, index) {
  const start = packed.branchOffsets[index];
  const end = packed.branchOffsets[index + 1];
  if (end === start) return EMPTY_BRANCHES;
  return {
    lines: packed.branchLines.subarray(start, end),
    blocks: packed.branchBlocks.subarray(start, end),
    ids: packed.branchIds.subarray(start, end),
    labels: packed.branchLabels?.slice(start, end).map((label) => label ?? void 0),
    taken: packed.branchTaken.subarray(start, end)
  };
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
function splitRanges(inputs, maxBytes) {
  const first = [];
  const second = [];
  const window = Buffer.alloc(WINDOW);
  let anchor;
  for (const { path, size } of inputs) {
    const descriptor = openRegularFile(path, maxBytes).descriptor;
    let split;
    try {
      split = withFile(path, () => {
        const aligned = anchor === void 0 ? -1 : findAround(descriptor, size, anchor, window);
        const at = aligned >= 0 ? aligned : middleRecordStart(descriptor, size, window);
        if (anchor === void 0 && at < size) anchor = sourceLineAt(descriptor, at, size, window);
        return at;
      });
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
var EmptyMergeError = class extends Error {
  constructor(report) {
    super("the merge kept no file");
    this.report = report;
    this.name = "EmptyMergeError";
  }
  report;
};
async function mergeAndWrite(command) {
  const inputs = classifyInputs(command);
  const lcovBytes = inputs.lcov.reduce((sum2, input) => sum2 + input.size, 0);
  const parallel = command.threads === 2 || command.threads === "auto" && availableParallelism() >= PARALLEL_MIN_CORES && lcovBytes >= PARALLEL_MIN_BYTES;
  if (!parallel || inputs.lcov.length === 0) {
    const whole = inputs.lcov.map(({ path, size }) => ({ path, start: 0, end: size }));
    const report = processPart(command, whole, inputs.others);
    const outputs2 = openOutputs(command, report);
    writeAndCommit(outputs2, command, report, outputs2.formats);
    return report;
  }
  const { first, second } = splitRanges(inputs.lcov, command.maxBytes);
  const worker = startWorker(command, second);
  let mine;
  try {
    mine = processPart(command, first, inputs.others);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  const outputs = new OutputSet(command.output, command.formats);
  try {
    if (outputs.formats.includes("lcov"))
      outputs.write("lcov", lcovChunks(mine, { reuseBuffers: true }));
    const result = await worker.result;
    if (result.error !== void 0) throw deserializeError(result.error);
    return joinHalves(
      command,
      outputs,
      mine,
      unpackReport(result.packed),
      result.chunks ?? []
    );
  } catch (error) {
    outputs.abort();
    throw error;
  }
}
function openOutputs(command, report) {
  if (report.files.size === 0 && !command.allowEmpty) throw new EmptyMergeError(report);
  return new OutputSet(command.output, command.formats);
}
function writeAndCommit(outputs, command, report, formats) {
  try {
    const options = { root: command.root, timestamp: 0 };
    for (const format of formats) outputs.write(format, reportChunks(format, report, options));
    outputs.commit();
  } catch (error) {
    outputs.abort();
    throw error;
  }
}
function joinHalves(command, outputs, mine, theirs, theirLcov) {
  const shared = [...theirs.files.keys()].some((path) => mine.files.has(path));
  const report = shared ? limitBranchesPerLine(mergeReports([mine, theirs])) : union(mine, theirs);
  if (report.files.size === 0 && !command.allowEmpty) throw new EmptyMergeError(report);
  const rest = outputs.formats.filter((format) => format !== "lcov");
  if (outputs.formats.includes("lcov")) {
    if (shared || !sortsBefore(mine, theirs)) {
      outputs.restart("lcov");
      rest.unshift("lcov");
    } else outputs.write("lcov", theirLcov);
  }
  writeAndCommit(outputs, command, report, rest);
  return report;
}
function union(mine, theirs) {
  const tallies = /* @__PURE__ */ new Map();
  addTallies(tallies, mine.tallies);
  addTallies(tallies, theirs.tallies);
  return {
    files: new Map([...mine.files, ...theirs.files]),
    sourceRoots: [],
    notes: [...mine.notes, ...theirs.notes],
    tallies
  };
}
function sortsBefore(first, second) {
  let last = "";
  for (const path of first.files.keys()) if (path > last) last = path;
  for (const path of second.files.keys()) if (path <= last) return false;
  return true;
}
function startWorker(command, ranges) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { command, ranges } });
  const result = new Promise((resolve4) => {
    worker.once("message", (message) => resolve4(message));
    worker.once("error", (error) => resolve4({ error: serializeError(error) }));
    worker.once(
      "exit",
      (code) => resolve4({ error: { kind: "other", message: `merge worker exited with code ${code}` } })
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

// src/cli-tests-for.ts
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve as resolve2 } from "node:path";
import { parseArgs } from "node:util";

// src/per-test/tests-document.ts
var TESTS_FORMAT = "mixed-coverage-tests";
var TESTS_VERSION = 1;
var TESTS_FILE_NAME = "tests.json";
function parseRanges(text) {
  if (text === "") return [];
  const lines = [];
  for (const part of text.split(",")) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) throw new Error(`'${part}' is not a line or a range of lines`);
    const [start, end] = [Number(match[1]), Number(match[2] ?? match[1])];
    if (end < start) throw new Error(`'${part}' ends before it starts`);
    for (let line = start; line <= end; line++) lines.push(line);
  }
  return lines;
}

// src/per-test/changed-tests.ts
function decodeTests(value) {
  const document = value;
  if (document?.format !== TESTS_FORMAT || document.version !== TESTS_VERSION) {
    throw new Error(`not a ${TESTS_FORMAT} document of version ${TESTS_VERSION}`);
  }
  const { files = [], coverable = [], covered = [], tests = [] } = document;
  const decoded = { commit: document.commit ?? null, files: /* @__PURE__ */ new Map(), tests: [] };
  files.forEach((path, at) => {
    decoded.files.set(path, {
      coverable: new Set(parseRanges(coverable[at] ?? "")),
      covered: new Set(parseRanges(covered[at] ?? ""))
    });
  });
  for (const test of tests) {
    const lines = /* @__PURE__ */ new Map();
    for (const [at, ranges] of Object.entries(test.lines ?? {})) {
      const path = files[Number(at)];
      if (path === void 0)
        throw new Error(`test ${test.id} names file ${at}, which is not listed`);
      lines.set(path, new Set(parseRanges(ranges)));
    }
    decoded.tests.push({ id: test.id, kind: test.kind, lines });
  }
  return decoded;
}
function testsOfChange(tests, changed) {
  const result = { changedLines: 0, testedLines: 0, tests: [], untested: [] };
  const tested = /* @__PURE__ */ new Map();
  for (const test of tests.tests) {
    const lines = /* @__PURE__ */ new Map();
    let count = 0;
    for (const [path, changedSet] of changed) {
      const ran = [...test.lines.get(path) ?? []].filter((line) => changedSet.has(line));
      if (ran.length === 0) continue;
      lines.set(
        path,
        ran.sort((a, b) => a - b)
      );
      count += ran.length;
      const known = tested.get(path) ?? /* @__PURE__ */ new Set();
      for (const line of ran) known.add(line);
      tested.set(path, known);
    }
    if (count > 0) result.tests.push({ id: test.id, kind: test.kind, lines, count });
  }
  for (const [path, changedSet] of [...changed].sort(([a], [b]) => a < b ? -1 : 1)) {
    const file = tests.files.get(path);
    if (!file) continue;
    const coverable = [...changedSet].filter((line) => file.coverable.has(line)).sort((a, b) => a - b);
    const untested = coverable.filter((line) => !tested.get(path)?.has(line));
    result.changedLines += coverable.length;
    result.testedLines += coverable.length - untested.length;
    if (untested.length === 0) continue;
    result.untested.push({
      path,
      outsideTests: untested.filter((line) => file.covered.has(line)),
      notRun: untested.filter((line) => !file.covered.has(line))
    });
  }
  result.tests.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return result;
}

// src/publish/diff.ts
var HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
function parseUnifiedDiff(text) {
  const changed = /* @__PURE__ */ new Map();
  let current;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of text.split("\n")) {
    if ((oldLeft > 0 || newLeft > 0) && /^[-+ \\]/.test(line)) {
      if (line.startsWith("+")) newLeft--;
      else if (line.startsWith("-")) oldLeft--;
      else if (line.startsWith(" ")) {
        oldLeft--;
        newLeft--;
      }
      continue;
    }
    if (line.startsWith("+++ ")) {
      const path = newSidePath(line.slice(4).replace(/\r$/, "").replace(/\t$/, ""));
      current = path === void 0 ? void 0 : changed.get(path) ?? /* @__PURE__ */ new Set();
      if (path !== void 0 && current) changed.set(path, current);
      continue;
    }
    const hunk = HUNK.exec(line);
    if (!hunk) continue;
    oldLeft = hunk[1] === void 0 ? 1 : Number(hunk[1]);
    const start = Number(hunk[2]);
    newLeft = hunk[3] === void 0 ? 1 : Number(hunk[3]);
    for (let n = start; current && n < start + newLeft; n++) current.add(n);
  }
  for (const [path, lines] of changed) if (lines.size === 0) changed.delete(path);
  return changed;
}
function newSidePath(raw) {
  if (raw === "/dev/null") return void 0;
  const unquoted = raw.startsWith('"') ? cUnquote(raw) : raw;
  return unquoted.startsWith("b/") ? unquoted.slice(2) : unquoted;
}
var ESCAPES = {
  n: 10,
  t: 9,
  r: 13,
  '"': 34,
  "\\": 92,
  a: 7,
  b: 8,
  f: 12,
  v: 11
};
function cUnquote(quoted) {
  const body = quoted.slice(1, -1);
  const bytes = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

// src/exec.ts
import { spawn } from "node:child_process";
import { existsSync as existsSync2 } from "node:fs";
import { constants as constants2 } from "node:os";

// src/errors.ts
var CommandError = class extends Error {
  constructor(command, exitCode, stderrTail, hint, timeoutMs) {
    const shown2 = command.map(quoteForDisplay).join(" ");
    const status = timeoutMs !== void 0 ? `timed out after ${formatSeconds(timeoutMs)} and was killed` : exitCode === null ? "could not start" : `exited with code ${exitCode}`;
    const tail = stderrTail.trim() ? `
--- last lines of its error output ---
${stderrTail.trim()}` : "";
    super(`${shown2} ${status}${hint ? `: ${hint}` : ""}${tail}`);
    this.command = command;
    this.exitCode = exitCode;
    this.stderrTail = stderrTail;
    this.hint = hint;
    this.timeoutMs = timeoutMs;
    this.name = "CommandError";
  }
  command;
  exitCode;
  stderrTail;
  hint;
  timeoutMs;
  get timedOut() {
    return this.timeoutMs !== void 0;
  }
};
function formatSeconds(ms) {
  return `${Math.round(ms / 100) / 10} s`;
}
function quoteForDisplay(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

// src/exec.ts
var STDERR_TAIL_BYTES = 4096;
var STDERR_TAIL_LINES = 20;
var PIPE_CLOSE_GRACE_MS = 5e3;
function exec(argv, options = {}) {
  const [file, ...args] = argv;
  if (!file) throw new Error("exec: empty command");
  const log = options.log ?? ((chunk) => process.stdout.write(chunk));
  if (!options.silent) log(`[command]${argv.map(quoteForDisplay).join(" ")}
`);
  const started = Date.now();
  const ownGroup = options.timeoutMs !== void 0 && process.platform !== "win32";
  return new Promise((resolve4, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: ownGroup,
      windowsHide: true
    });
    const output = collectOutput(child, options, log);
    let settled = false;
    let timedOut = false;
    let exited;
    let deadline;
    let grace;
    const finish = (outcome, startError) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(grace);
      const exitCode = outcome ? exitCodeOf(outcome) : null;
      const result = {
        exitCode,
        stdout: output.stdout(),
        stderr: output.stderr(),
        stderrTail: startError ? startFailure(startError, options.cwd) : output.stderrTail(),
        durationMs: Date.now() - started
      };
      if (!startError && !timedOut && (exitCode === 0 || options.allowFailure)) resolve4(result);
      else {
        const limit = timedOut ? options.timeoutMs : void 0;
        reject(new CommandError(argv, exitCode, result.stderrTail, options.hint, limit));
      }
    };
    if (options.timeoutMs !== void 0) {
      deadline = setTimeout(() => {
        timedOut = true;
        killTree(child, ownGroup);
      }, options.timeoutMs);
    }
    child.on("error", (error) => finish(void 0, error));
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      clearTimeout(deadline);
      grace = setTimeout(
        () => stopReading(child, ownGroup, () => finish(exited)),
        PIPE_CLOSE_GRACE_MS
      );
    });
    child.on("close", (code, signal) => finish(exited ?? { code, signal }));
  });
}
function collectOutput(child, options, log) {
  const stdoutChunks = [];
  const stderrChunks = [];
  let stderrTail = "";
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (chunk) => {
    if (options.captureStdout) stdoutChunks.push(chunk);
    if (!options.silent) log(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    if (options.captureStderr) stderrChunks.push(chunk);
    options.onStderr?.(chunk);
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    if (!options.silent) log(chunk);
  });
  return {
    stdout: () => stdoutChunks.join(""),
    stderr: () => stderrChunks.join(""),
    stderrTail: () => lastLines(stderrTail, STDERR_TAIL_LINES)
  };
}
function stopReading(child, ownGroup, done) {
  if (ownGroup) killTree(child, true);
  child.stdout?.destroy();
  child.stderr?.destroy();
  done();
}
function startFailure(error, cwd) {
  if (cwd !== void 0 && !existsSync2(cwd)) return `${error.message} (no directory ${cwd})`;
  return error.message;
}
function killTree(child, ownGroup) {
  if (child.pid === void 0) return;
  try {
    if (ownGroup) process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
  }
}
function exitCodeOf(outcome) {
  if (outcome.signal) return 128 + (constants2.signals[outcome.signal] ?? 0);
  return outcome.code;
}
function lastLines(text, count) {
  const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
  return lines.slice(-count).join("\n");
}

// src/publish/git.ts
async function git(args, cwd) {
  const result = await exec(["git", "-c", "core.quotepath=off", ...args], {
    cwd,
    captureStdout: true,
    silent: true
  });
  return result.stdout;
}

// src/publish/changed-lines.ts
var DIFF_ARGS = [
  "-c",
  "diff.relative=false",
  "diff",
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--find-renames",
  "--src-prefix=a/",
  "--dst-prefix=b/",
  "--unified=0"
];

// src/cli-tests-for.ts
var TESTS_FOR_HELP = `Usage: node dist/cli.js tests-for --diff BASE [--tests FILE] [--root DIR] [--json]

Prints the tests that run the lines changed since BASE, one per line, as tests.json names
them (pytest node ids; "<binary> <test>" or "<binary>" for Rust tests), most changed lines
first. The change is git diff BASE \u2192 the working tree of the repository of the current
directory. On stderr: how many changed coverable lines the tests run, and the changed lines
no test runs.

Options:
  --diff BASE     commit (branch, tag, sha) to compare with (required)
  --tests FILE    tests.json (default: coverage/${TESTS_FILE_NAME} in the repository's top level)
  --root DIR      directory the paths in tests.json are relative to (default: the top level)
  --json          print the tests and the untested lines as JSON
  -h, --help      show this help

Line numbers are those of the working tree: a tests.json measured on another commit matches
the lines of files changed since then only where they did not move (a warning says so).`;
var TestsForUsageError = class extends Error {
};
function parseTestsFor(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      diff: { type: "string" },
      tests: { type: "string" },
      root: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }
  });
  if (values.help) return "help";
  if (positionals.length) throw new TestsForUsageError(`unexpected argument '${positionals[0]}'`);
  if (!values.diff) throw new TestsForUsageError("--diff BASE is required");
  if (values.diff.startsWith("-"))
    throw new TestsForUsageError(`'${values.diff}' is not a revision`);
  return { base: values.diff, tests: values.tests, root: values.root, json: values.json ?? false };
}
async function changedSince(base, top, root) {
  const commit = await git(["rev-parse", "--verify", "--quiet", `${base}^{commit}`], top).then(
    (out) => out.trim(),
    () => {
      throw new TestsForUsageError(`'${base}' is not a commit of the repository in ${top}`);
    }
  );
  const diff = await git([...DIFF_ARGS, commit, "--"], top);
  const lines = /* @__PURE__ */ new Map();
  for (const [path, set] of parseUnifiedDiff(diff)) {
    lines.set(relative(root, resolve2(top, path)).split("\\").join("/"), set);
  }
  return lines;
}
async function testsFor(argv, cwd = process.cwd()) {
  const command = parseTestsFor(argv);
  if (command === "help") {
    console.log(TESTS_FOR_HELP);
    return 0;
  }
  const top = (await git(["rev-parse", "--show-toplevel"], cwd)).trim();
  const root = command.root ? resolve2(cwd, command.root) : top;
  const testsPath = command.tests ? resolve2(cwd, command.tests) : resolve2(top, "coverage", TESTS_FILE_NAME);
  const tests = decodeTests(JSON.parse(readFileSync(testsPath, "utf8")));
  const head = (await git(["rev-parse", "HEAD"], top)).trim();
  if (tests.commit && tests.commit !== head) {
    console.error(
      `mixed-coverage: warning: ${shown(testsPath, cwd)} was measured on ${tests.commit.slice(0, 12)}, the checkout is ${head.slice(0, 12)}: lines of files changed in between may have moved`
    );
  }
  const result = testsOfChange(tests, await changedSince(command.base, top, root));
  if (command.json) console.log(JSON.stringify(asJson(result), null, 2));
  else for (const test of result.tests) console.log(test.id);
  console.error(describe(result));
  return 0;
}
function shown(path, cwd) {
  const near = relative(cwd, path);
  return near.startsWith("..") || isAbsolute(near) ? path : near;
}
function asJson(result) {
  return {
    changedLines: result.changedLines,
    testedLines: result.testedLines,
    tests: result.tests.map((test) => ({
      id: test.id,
      kind: test.kind,
      lines: Object.fromEntries(test.lines)
    })),
    untested: result.untested
  };
}
function describe(result) {
  const parts = [
    `mixed-coverage: ${result.testedLines} of ${result.changedLines} changed coverable lines are run by ${result.tests.length} test(s)`
  ];
  for (const file of result.untested) {
    const what = [
      file.notRun.length ? `not run: ${file.notRun.join(",")}` : "",
      file.outsideTests.length ? `run outside any test: ${file.outsideTests.join(",")}` : ""
    ].filter(Boolean);
    parts.push(`  no test runs ${file.path} ${what.join("; ")}`);
  }
  return parts.join("\n");
}

// src/cli.ts
var HELP = `Usage: node dist/cli.js merge --output DIR [options] FILE...
       node dist/cli.js tests-for --diff BASE [--tests FILE] [--json]   (tests-for --help)

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
  --allow-empty           write the outputs even when the merge keeps no file
  -h, --help              show this help

A measure with nothing found (no branches, no functions) is shown as "no data", never as
100 %. The outputs are the same bytes whatever --threads is and whatever the order of FILEs.

Exit status: 0 when written, 1 when a report is refused or an output cannot be written (the
message names the file, the line and what was expected; the outputs of an earlier run are
then left as they were), 2 on a usage error, 3 when the merge kept no file (nothing is
written unless --allow-empty).`;
var UsageError = class extends Error {
};
var FORMAT_NAMES = {
  lcov: "lcov",
  cobertura: "cobertura",
  summary: "summaryJson"
};
function parseCommand(argv) {
  const { values, positionals } = parseArgs2({
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
      "allow-empty": { type: "boolean" },
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
    output: resolve3(values.output),
    root: resolve3(values.root ?? process.cwd()),
    includeOutside: values["include-outside"] ?? false,
    excludes: values.exclude ?? [],
    pathMaps,
    markers: !(values["no-markers"] ?? false),
    formats,
    maxBytes: megabytesToBytes(maxMb),
    threads,
    allowEmpty: values["allow-empty"] ?? false,
    files
  };
}
function emptyMergeMessage(notes) {
  const why = notes.length > 0 ? ` (${notes.slice(0, 3).join("; ")})` : ": the reports name no source file";
  return `the merge kept no file${why}, so there is nothing to report and nothing was written. Pass --allow-empty to write empty reports.`;
}
function printNotes(notes) {
  for (const note of notes.slice(0, MAX_NOTES_SHOWN)) {
    console.error(`mixed-coverage: note: ${showControls(note)}`);
  }
  if (notes.length > MAX_NOTES_SHOWN) {
    console.error(
      `mixed-coverage: note: \u2026and ${notes.length - MAX_NOTES_SHOWN} more in coverage-summary.json`
    );
  }
}
var MAX_NOTES_SHOWN = 20;
function showCount(name, count) {
  if (count.found === 0) return `${name} no data`;
  return `${name} ${formatPercent(count.hit, count.found)}% (${count.hit}/${count.found})`;
}
async function merge(command) {
  const report = await mergeAndWrite(command);
  printNotes(reportNotes(report));
  const totals = reportTotals(report);
  return `merged ${command.files.length} report(s), ${report.files.size} file(s): ${showCount("lines", totals.lines)}, ${showCount("branches", totals.branches)}, ${showCount("functions", totals.functions)} \u2192 ${showControls(command.output)}`;
}
async function main(argv) {
  try {
    if (argv[0] === "tests-for") return await testsFor(argv.slice(1));
    const command = parseCommand(argv);
    if (command === "help") {
      console.log(HELP);
      return 0;
    }
    console.log(`mixed-coverage: ${await merge(command)}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof TestsForUsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`mixed-coverage: ${error.message}
Run with --help for usage.`);
      return 2;
    }
    if (error instanceof EmptyMergeError) {
      const notes = reportNotes(error.report);
      printNotes(notes);
      console.error(`mixed-coverage: error: ${showControls(emptyMergeMessage(notes))}`);
      return 3;
    }
    console.error(
      `mixed-coverage: error: ${showControls(error.message ?? String(error))}`
    );
    return 1;
  }
}
function exitWhenFlushed(code) {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
if (!runWorkerIfAny()) exitWhenFlushed(await main(process.argv.slice(2)));
