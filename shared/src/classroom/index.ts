/** The classroom's model-side pieces: templates made from maps and what a copy holds. */
export { sourcesOnly } from './template.ts';
export { copyFigures } from './figures.ts';
