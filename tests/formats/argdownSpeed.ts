// Times argdownToMap on a generated 5,000-claim map exported to Argdown (issue 13: under 2 s).
// Run from tests/: ../bench/node_modules/.bin/tsx formats/argdownSpeed.ts
// Not a unit test, so machine load cannot fail CI.
import { generatedMap } from '@warrant/fixtures';
import { exportMap } from '@warrant/shared';
import { mapToArgdown } from '../../shared/src/formats/argdown/exportArgdown.ts';
import { argdownToMap } from '../../shared/src/formats/argdown/importArgdown.ts';
import { loadArgdownParser } from '../../shared/src/formats/argdown/parseArgdown.ts';

const loadStart = performance.now();
await loadArgdownParser();
console.warn(
  `loading @argdown/core: ${(performance.now() - loadStart).toFixed(0)} ms (once per process)`,
);
const text = mapToArgdown(exportMap(generatedMap({ claims: 5000 })));
for (let run = 1; run <= 3; run++) {
  const start = performance.now();
  const { report } = argdownToMap(text);
  const ms = performance.now() - start;
  console.warn(
    `run ${run}: ${report.claims} claims, ${report.relations} relations from ${text.length} characters in ${ms.toFixed(0)} ms`,
  );
}
