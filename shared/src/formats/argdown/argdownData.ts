/**
 * The YAML keys Warrant writes into Argdown (front matter and statement data) and reads
 * back. Named once so the exporter and the importer cannot drift apart.
 */
export const ARGDOWN_DATA = {
  /** Front matter: the sources passages quote, each with its metadata and full text. */
  sources: 'sources',
  /** A source's name in this file, which quotes refer to (its title, numbered if repeated). */
  sourceKey: 'key',
  /** Statement data: the passages a claim cites, with their selectors and stance. */
  quotes: 'quotes',
  /**
   * Statement data: this statement only stands for "the target is false", the conclusion of
   * a rebuttal written as an argument. Import folds it back into one rebuttal.
   */
  negates: 'negates',
} as const;

/**
 * One entry of a statement's `quotes` data: the key of the quoted source, the passage's
 * selectors (its words with the text around them, and its offsets), and its stance.
 */
export interface ArgdownQuote {
  source: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  stance: 'support' | 'rebut';
}
