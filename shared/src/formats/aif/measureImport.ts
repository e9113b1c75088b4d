import { importMap } from '../json/importMap.ts';
import { aifToMap } from './aifToMap.ts';
import { mapToAif } from './mapToAif.ts';

/**
 * How long importing a large AIF analysis takes. Not a test (timings vary by machine); run
 * it by hand: `bench/node_modules/.bin/tsx shared/src/formats/aif/measureImport.ts [claims]`.
 *
 * The analysis is OVA-style: every claim is asserted by a locution highlighted in
 * `analysis.txt`, each claim after the first is a reason for an earlier one (every fifth a
 * conflict, every fiftieth an undercut), and ids alternate between numbers and strings.
 */
function analysis(claims: number): string {
  const nodes: { nodeID: number | string; text: string; type: string; x: string; y: string }[] = [];
  const edges: { edgeID: number; fromID: number | string; toID: number | string }[] = [];
  const id = (n: number): number | string => (n % 2 ? n : String(n));
  const add = (n: number, type: string, text: string): void => {
    nodes.push({ nodeID: id(n), text, type, x: String(n % 1000), y: String(n >> 3) });
  };
  const edge = (from: number, to: number): void => {
    edges.push({ edgeID: edges.length + 1, fromID: id(from), toID: id(to) });
  };
  let html = '';
  // Node numbers: claim i is 4i+1, its relation 4i+2, its locution 4i+3, its YA 4i+4.
  for (let i = 0; i < claims; i++) {
    const words = `claim ${i} says that item ${i * 7} matters for reason ${i % 97}`;
    add(4 * i + 1, 'I', `${words[0]?.toUpperCase()}${words.slice(1)}.`);
    add(4 * i + 3, 'L', `Speaker ${i % 5} : ${words}`);
    add(4 * i + 4, 'YA', 'Asserting');
    edge(4 * i + 3, 4 * i + 4);
    edge(4 * i + 4, 4 * i + 1);
    html += `Speaker ${i % 5}: <span class="highlighted" id="node${4 * i + 3}">${words}</span>.<br>`;
    if (i === 0) continue;
    const parent = Math.floor((i - 1) / 3);
    const undercut = i % 50 === 0;
    add(4 * i + 2, i % 5 === 0 || undercut ? 'CA' : 'RA', 'Default');
    edge(4 * i + 1, 4 * i + 2);
    edge(4 * i + 2, undercut && parent > 0 ? 4 * parent + 2 : 4 * parent + 1);
  }
  return JSON.stringify({ nodes, edges, analysis: { txt: html, documentTitle: 'Large' } });
}

const claims = Number(globalThis.process?.argv[2] ?? 5000);
const text = analysis(claims);
/** Wall-clock and CPU milliseconds (CPU time is steadier on a busy machine). */
const time = <T>(f: () => T): [T, string] => {
  const cpu = globalThis.process?.cpuUsage();
  const start = performance.now();
  const out = f();
  const wall = performance.now() - start;
  const used = cpu && globalThis.process.cpuUsage(cpu);
  return [
    out,
    `${wall.toFixed(0)} ms${used ? ` (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)` : ''}`,
  ];
};
for (let run = 1; run <= 3; run++) {
  const [{ map, report }, ms] = time(() => aifToMap(text));
  const [, importMs] = time(() => importMap(map));
  const [aif, exportMs] = time(() => mapToAif(map));
  console.warn(
    `run ${run}: ${(text.length / 1e6).toFixed(1)} MB, ${report.claims} claims, ${report.relations} relations, ` +
      `${report.passages} passages, ${report.leftOut.length} left out — aifToMap ${ms}, ` +
      `importMap ${importMs}, mapToAif ${exportMs} (${(aif.length / 1e6).toFixed(1)} MB)`,
  );
}
