import type { ArgdownApplication, IArgdownResponse } from '@argdown/core';

/**
 * The parts of `@argdown/core`'s model this importer reads, typed narrowly: the library types
 * its YAML data as `any`, and reading only these fields keeps that out of our code.
 */
export interface ArgdownRange {
  type: string;
  start: number;
  stop: number;
  url?: string;
}

export interface ArgdownStatement {
  title?: string;
  text?: string;
  ranges?: ArgdownRange[];
  role?: string;
  isReference?: boolean;
  startLine?: number;
  data?: unknown;
  inference?: ArgdownInference;
}

export interface ArgdownInference {
  type: 'inference';
  argumentTitle?: string;
  conclusionIndex?: number;
  data?: unknown;
  startLine?: number;
}

export interface ArgdownEquivalenceClass {
  type: 'equivalence-class';
  title?: string;
  members: ArgdownStatement[];
  tags?: string[];
  data?: unknown;
  startLine?: number;
}

export interface ArgdownArgument {
  type: 'argument';
  title?: string;
  members: ArgdownStatement[];
  pcs: ArgdownStatement[];
  tags?: string[];
  data?: unknown;
  startLine?: number;
}

export type ArgdownRelationMember = ArgdownEquivalenceClass | ArgdownArgument | ArgdownInference;

export interface ArgdownRelation {
  relationType: string;
  from?: ArgdownRelationMember;
  to?: ArgdownRelationMember;
  occurrences: { startLine?: number }[];
}

export interface ArgdownSection {
  title?: string;
  level: number;
  startLine?: number;
  tags?: string[];
  data?: unknown;
  children: ArgdownSection[];
}

/** What `parseArgdown` hands the importer: the reference parser's model of a document. */
export interface ArgdownModel {
  statements: ArgdownEquivalenceClass[];
  arguments: ArgdownArgument[];
  relations: ArgdownRelation[];
  sections: ArgdownSection[];
  frontMatter: unknown;
}

/** Argdown text the reference parser refuses; the message names the first problem's place. */
export class ArgdownSyntaxError extends Error {
  override readonly name = 'ArgdownSyntaxError';
  constructor(
    readonly line: number | undefined,
    readonly column: number | undefined,
    detail: string,
    readonly count: number,
  ) {
    const at = line === undefined ? '' : ` at line ${line}${column ? `, column ${column}` : ''}`;
    const more = count > 1 ? ` (and ${count - 1} more problems)` : '';
    super(`This Argdown text has a syntax error${at}: ${detail}${more}. Fix it and import again.`);
  }
}

interface LexerError {
  line?: number;
  column?: number;
  message: string;
}
interface ParserError {
  message: string;
  token?: { startLine?: number; startColumn?: number };
}

/**
 * One application per process, built on first use: loading `@argdown/core` costs about 48 MiB
 * (its grammar and plugins), which a relay that never imports Argdown should not carry, and
 * building the parser (chevrotain grammar analysis) is the expensive part of a parse; the
 * application keeps no state between runs.
 */
let app: ArgdownApplication | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the reference parser; `parseArgdown` needs it done. The formats seam calls it
 * through `Format.prepare` before an import, so nothing loads it at start-up.
 */
export function loadArgdownParser(): Promise<void> {
  loading ??= import('@argdown/core').then(
    ({ ArgdownApplication, DataPlugin, ModelPlugin, ParserPlugin }) => {
      const application = new ArgdownApplication();
      application.addPlugin(new ParserPlugin(), 'parse-input');
      application.addPlugin(new DataPlugin(), 'build-model');
      application.addPlugin(new ModelPlugin(), 'build-model');
      app = application;
    },
  );
  return loading;
}

function application(): ArgdownApplication {
  if (!app) {
    throw new Error('The Argdown parser is not loaded: await loadArgdownParser() first.');
  }
  return app;
}

/**
 * Parses Argdown with `@argdown/core` (processes `parse-input` and `build-model`), the
 * reference implementation, so what Warrant reads is what every Argdown tool reads. Lexer or
 * parser errors throw `ArgdownSyntaxError`; nothing is returned for a broken document.
 */
export function parseArgdown(text: string): ArgdownModel {
  const response: IArgdownResponse = application().run({
    input: text,
    process: ['parse-input', 'build-model'],
    logLevel: 'none',
  });
  const lexerErrors = (response.lexerErrors ?? []) as LexerError[];
  const parserErrors = (response.parserErrors ?? []) as ParserError[];
  const count = lexerErrors.length + parserErrors.length;
  const lexer = lexerErrors[0];
  if (lexer) throw new ArgdownSyntaxError(lexer.line, lexer.column, lexer.message, count);
  const parser = parserErrors[0];
  if (parser) {
    const { startLine, startColumn } = parser.token ?? {};
    const line = Number.isFinite(startLine) ? startLine : undefined;
    const column = Number.isFinite(startColumn) ? startColumn : undefined;
    throw new ArgdownSyntaxError(line, column, parser.message, count);
  }
  return {
    statements: Object.values(response.statements ?? {}) as ArgdownEquivalenceClass[],
    arguments: Object.values(response.arguments ?? {}) as ArgdownArgument[],
    relations: (response.relations ?? []) as ArgdownRelation[],
    sections: (response.sections ?? []) as ArgdownSection[],
    frontMatter: response.frontMatter as unknown,
  };
}
