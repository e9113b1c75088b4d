import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The client's folders stack: a folder may use the ones below it, never one that uses it.
 * ESLint's `import-x/no-cycle` catches cycles between files; this catches the looser tangle
 * of two folders importing each other through different files (a file in A imports B while
 * another file in B imports A), type-only imports included.
 */

const SRC = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The top-level folder a file under `src/` is in; files directly in `src/` are '(root)'. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0]! : '(root)';
}

/** Which folder imports which, with one file-to-file import that shows each dependency. */
function folderGraph(files: Map<string, string>): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const [file, text] of files) {
    const from = folderOf(file);
    for (const [, spec] of text.matchAll(IMPORT)) {
      const target = normalize(join(dirname(file), spec!));
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(SRC, file)} → ${spec}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** The groups of folders that import each other (Tarjan's strongly connected components). */
function folderCycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** A cycle, with the imports that make it, for the failure message. */
function describeCycle(graph: Map<string, Map<string, string>>, group: string[]): string {
  const members = new Set(group);
  const edges = group.flatMap((from) =>
    [...(graph.get(from) ?? [])]
      .filter(([to]) => members.has(to))
      .map(([to, example]) => `  ${from}/ → ${to}/  (${example})`),
  );
  return [`${group.join(', ')} import each other:`, ...edges].join('\n');
}

describe('client/src folders', () => {
  it('import each other in one direction only', () => {
    const files = new Map(sourceFiles(SRC).map((f) => [f, readFileSync(f, 'utf8')]));
    const graph = folderGraph(files);
    expect(graph.size).toBeGreaterThan(5);
    expect(folderCycles(graph).map((group) => describeCycle(graph, group))).toEqual([]);
  });

  it('finds two folders that import each other through different files', () => {
    const files = new Map([
      [join(SRC, 'a', 'One.ts'), "import { two } from '../b/Two.ts';"],
      [join(SRC, 'b', 'Three.ts'), "import type { One } from '../a/One.ts';"],
      [join(SRC, 'c', 'Four.tsx'), "const lazy = import('../a/One.ts');"],
    ]);
    expect(folderCycles(folderGraph(files))).toEqual([['a', 'b']]);
  });
});
