/**
 * Trees of records kept by parent code (catalog locations, maintenance assets). The parent
 * is a field merged like any other, so two devices re-parenting offline can merge into a
 * cycle or point at a record that is gone: reading must still show every record, and writing
 * checks what a move would do (isBelow).
 */

/** A record that names its parent by code; null at the top. */
export interface CodedRecord {
  code: string;
  parent: string | null;
}

/**
 * The tree, each level sorted by code with `compare`. `node` wraps a record in the caller's
 * node type (its `children` start empty). Records whose parent is missing become roots, and a
 * cycle that no root reaches is cut at its smallest code, so nothing hides.
 */
export function codeTree<R extends CodedRecord, N extends { children: N[] }>(
  records: Iterable<R>,
  node: (record: R) => N,
  compare: (a: string, b: string) => number,
): N[] {
  const nodes = new Map<string, N>();
  const recordOf = new Map<N, R>();
  for (const record of records) {
    const n = node(record);
    nodes.set(record.code, n);
    recordOf.set(n, record);
  }
  const of = (n: N) => recordOf.get(n)!;
  const roots: N[] = [];
  for (const n of nodes.values()) {
    const code = of(n).parent;
    const parent = code ? nodes.get(code) : undefined;
    if (parent && parent !== n) parent.children.push(n);
    else roots.push(n);
  }
  const reached = new Set<N>();
  const reach = (start: N) => {
    const stack = [start];
    while (stack.length) {
      const n = stack.pop()!;
      if (reached.has(n)) continue;
      reached.add(n);
      stack.push(...n.children);
    }
  };
  for (const root of roots) reach(root);
  const byCode = (a: N, b: N) => compare(of(a).code, of(b).code);
  for (const n of [...nodes.values()].sort(byCode)) {
    if (reached.has(n)) continue;
    const parent = nodes.get(of(n).parent ?? '');
    if (parent) parent.children.splice(parent.children.indexOf(n), 1);
    roots.push(n);
    reach(n);
  }
  const sort = (list: N[]) => {
    list.sort(byCode);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Codes of a record and everything below it. */
export function descendantCodes(records: Iterable<CodedRecord>, root: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const r of records) {
    if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.code]);
  }
  const out = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const code = stack.pop()!;
    if (out.has(code)) continue;
    out.add(code);
    stack.push(...(children.get(code) ?? []));
  }
  return out;
}

/** Whether `code` is `ancestor` or sits somewhere below it, following `parentOf` (a merged cycle ends the walk). */
export function isBelow(
  code: string,
  ancestor: string,
  parentOf: (code: string) => string | null | undefined,
): boolean {
  const seen = new Set<string>();
  let at: string | null | undefined = code;
  while (at && !seen.has(at)) {
    if (at === ancestor) return true;
    seen.add(at);
    at = parentOf(at);
  }
  return false;
}
