import { newId } from '../../ids.ts';
import { MAP_JSON_FORMAT, MAP_JSON_VERSION, type MapJson } from '../json/MapJson.ts';
import { parseMapJson } from '../json/importMap.ts';
import { MAX_TITLE_LENGTH } from '../../meta.ts';
import { ARGDOWN_DATA } from './argdownData.ts';
import { citationsOf, readFrontMatter } from './argdownSources.ts';
import {
  canonical,
  describe,
  flatten,
  isRecord,
  optional,
  plain,
  richFrom,
  ruleNames,
  unique,
  usesOf,
} from './modelReading.ts';
import type { FormatReport, LeftOut } from './FormatReport.ts';
import {
  parseArgdown,
  type ArgdownArgument,
  type ArgdownEquivalenceClass,
  type ArgdownInference,
  type ArgdownRelation,
  type ArgdownStatement,
} from './parseArgdown.ts';

export interface ArgdownImportOptions {
  /** ISO time recorded on every record; now by default. */
  now?: string;
  /** Recorded as every record's author. */
  author?: string;
}

type Relation = MapJson['relations'][number];
type Target = Relation['target'];

const DEFAULT_AUTHOR = 'argdown import';
const DEFAULT_TITLE = 'Argdown import';

/**
 * Reads Argdown into the JSON form of a new map (shared/FORMATS.md, "Argdown", states the
 * mapping): statements become claims, each premise–conclusion step of a reconstructed
 * argument a linked support, an argument without a structure a claim, and support, attack,
 * undercut, contrary and contradictory relations become supports and rebuttals. What has no
 * home (tags, headings, unknown data) is listed in the report with its line. A syntax error
 * throws `ArgdownSyntaxError` naming the line and column; nothing is made.
 */
export function argdownToMap(
  text: string,
  options: ArgdownImportOptions = {},
): { map: MapJson; report: FormatReport } {
  const model = parseArgdown(text);
  return new ArgdownImport(options).run(model);
}

/** One import's state; `argdownToMap` is its only user and it is used once. */
class ArgdownImport {
  private readonly time: string;
  private readonly author: string;
  private readonly leftOut: LeftOut[] = [];
  private readonly notes: string[] = [];
  private readonly claims: MapJson['claims'] = [];
  private readonly relations: Relation[] = [];
  private readonly relationIds = new Set<string>();
  /** Statement (equivalence class) title → claim id. */
  private readonly statementClaim = new Map<string, string>();
  /** Argument without a structure → its claim id. */
  private readonly argumentClaim = new Map<ArgdownArgument, string>();
  /** Argument with a structure → the relation of its last inference step. */
  private readonly mainRelation = new Map<ArgdownArgument, string>();
  private readonly inferenceRelation = new Map<ArgdownInference, string>();
  /** Stand-in statements (`negates: true`) → the premises of the step that concludes them. */
  private readonly standIns = new Map<string, StandIn>();
  /** Relations made from each argument without a structure, which an undercut attacks. */
  private readonly outgoing = new Map<ArgdownArgument, string[]>();
  private readonly tags = new Map<string, { count: number; line?: number }>();
  private readonly quotes: { claim: string; data: unknown; line?: number }[] = [];

  constructor(options: ArgdownImportOptions) {
    this.time = options.now ?? new Date().toISOString();
    this.author = options.author ?? DEFAULT_AUTHOR;
  }

  run(model: ReturnType<typeof parseArgdown>): { map: MapJson; report: FormatReport } {
    const front = readFrontMatter(
      model.frontMatter,
      { author: this.author, time: this.time },
      (what, why, line) => this.leaveOut(what, why, line),
    );
    const sections = flatten(model.sections);
    let title = front.title;
    if (!title && sections[0]?.title) {
      title = sections[0].title;
      this.notes.push(`The map is titled after the first heading, "${title}".`);
      sections.shift();
    }
    for (const s of sections) {
      this.leaveOut(`heading "${s.title ?? ''}"`, 'Warrant maps have no sections', s.startLine);
      this.collectTags(s.tags, s.startLine);
    }

    const ecs = new Map(model.statements.map((ec) => [ec.title ?? '', ec]));
    for (const argument of model.arguments) {
      const conclusion = argument.pcs.at(-1);
      const ec = conclusion?.title === undefined ? undefined : ecs.get(conclusion.title);
      if (ec && isRecord(ec.data) && ec.data[ARGDOWN_DATA.negates] === true) {
        this.standIns.set(ec.title ?? '', {
          premises: [],
          argument,
          inference: conclusion?.inference,
        });
      }
    }
    let titled = 0;
    for (const ec of model.statements) {
      if (this.standIns.has(ec.title ?? '')) continue;
      if (this.statement(ec)) titled++;
    }
    if (titled) {
      this.notes.push(
        `${titled} statement titles were not kept: a claim is its text (export makes titles from it).`,
      );
    }
    for (const argument of model.arguments) {
      if (argument.pcs.length) this.reconstruction(argument);
      else this.argumentClaimFor(argument);
    }
    const undercuts: ArgdownRelation[] = [];
    for (const relation of model.relations) {
      if (relation.relationType === 'undercut') undercuts.push(relation);
      else this.relation(relation);
    }
    // An undercut may attack a reason that is itself made by an undercut: repeat until no
    // more land, then report the rest.
    let pending = undercuts;
    for (let progress = true; pending.length && progress;) {
      const next = pending.filter((r) => !this.undercut(r, false));
      progress = next.length < pending.length;
      pending = next;
    }
    for (const r of pending) this.undercut(r, true);

    const { passages, evidence } = citationsOf(
      this.quotes,
      front.sources,
      { author: this.author, time: this.time },
      (what, why, line) => this.leaveOut(what, why, line),
    );
    for (const [tag, { count, line }] of this.tags) {
      this.leaveOut(`tag #${tag}`, `Warrant has no tags (on ${count} elements)`, line);
    }
    const map = parseMapJson({
      format: MAP_JSON_FORMAT,
      version: MAP_JSON_VERSION,
      title: (title ?? DEFAULT_TITLE).trim().slice(0, MAX_TITLE_LENGTH) || DEFAULT_TITLE,
      createdAt: this.time,
      claims: this.claims,
      relations: this.relations,
      sources: front.sources.map((s) => s.json),
      passages,
      evidence,
    });
    return {
      map,
      report: {
        claims: map.claims.length,
        relations: map.relations.length,
        leftOut: this.leftOut,
        notes: this.notes,
      },
    };
  }

  private leaveOut(what: string, why: string, line?: number): void {
    this.leftOut.push(line === undefined ? { what, why } : { what, why, line });
  }

  private collectTags(tags: string[] | undefined, line?: number): void {
    for (const tag of tags ?? []) {
      const seen = this.tags.get(tag);
      if (seen) seen.count++;
      else this.tags.set(tag, line === undefined ? { count: 1 } : { count: 1, line });
    }
  }

  /** A claim for the statement; true when its title was dropped in favour of its text. */
  private statement(ec: ArgdownEquivalenceClass): boolean {
    const member = canonical(ec.members);
    const line = member?.startLine ?? ec.startLine;
    const id = this.addClaim(member, ec.title ?? '');
    this.statementClaim.set(ec.title ?? '', id);
    this.collectTags(ec.tags, line);
    this.data(ec.data, id, `statement [${ec.title ?? ''}]`, line);
    return Boolean(member?.text?.trim()) && !/^Untitled \d+$/.test(ec.title ?? '');
  }

  private argumentClaimFor(argument: ArgdownArgument): string {
    const member = canonical(argument.members);
    const id = this.addClaim(member, argument.title ?? '');
    this.argumentClaim.set(argument, id);
    this.outgoing.set(argument, []);
    this.collectTags(argument.tags, argument.startLine);
    this.data(argument.data, id, `argument <${argument.title ?? ''}>`, argument.startLine);
    return id;
  }

  private addClaim(member: ArgdownStatement | undefined, title: string): string {
    const text = member?.text?.trim() ? member : { text: title };
    const content = richFrom(text);
    const id = newId();
    this.claims.push({
      id,
      text: plain(content),
      content,
      author: this.author,
      createdAt: this.time,
    });
    return id;
  }

  /** Statement data: quotes have a home (citations); any other key is reported. */
  private data(data: unknown, claim: string, where: string, line?: number): void {
    if (data === undefined || data === null) return;
    if (!isRecord(data)) {
      this.leaveOut(`data of ${where}`, 'Warrant claims hold no data', line);
      return;
    }
    for (const [key, value] of Object.entries(data)) {
      if (key === ARGDOWN_DATA.quotes) this.quotes.push({ claim, data: value, line });
      else if (key !== 'isCanonical') {
        this.leaveOut(`data "${key}" of ${where}`, 'Warrant claims hold no data', line);
      }
    }
  }

  /**
   * Each inference step of a premise–conclusion structure is one linked support: its
   * premises are the `uses` listed in the inference's data, or else every statement since the
   * previous conclusion, that conclusion included.
   */
  private reconstruction(argument: ArgdownArgument): void {
    this.collectTags(argument.tags, argument.startLine);
    if (canonical(argument.members)?.text?.trim()) {
      this.leaveOut(
        `description of <${argument.title ?? ''}>`,
        'an argument with a premise–conclusion structure becomes its reasons, not a claim',
        argument.startLine,
      );
    }
    if (isRecord(argument.data) && Object.keys(argument.data).length) {
      this.leaveOut(
        `data of <${argument.title ?? ''}>`,
        'Warrant reasons hold no data',
        argument.startLine,
      );
    }
    let from = 0;
    argument.pcs.forEach((statement, i) => {
      if (statement.role === 'premise') return;
      const inference = statement.inference;
      const uses = usesOf(inference?.data, argument.pcs.length);
      const steps = uses ?? argument.pcs.slice(from, i).map((_, j) => from + j);
      from = i;
      const premises = unique(
        steps
          .map((j) => argument.pcs[j]?.title)
          .flatMap((t) => (t === undefined ? [] : this.claimsOf(t))),
      );
      for (const rule of ruleNames(inference)) {
        this.leaveOut(
          `inference rule "${rule}" in <${argument.title ?? ''}>`,
          'Warrant reasons have no rule names',
          inference?.startLine,
        );
      }
      const conclusion = statement.title ?? '';
      const standIn = this.standIns.get(conclusion);
      if (standIn) {
        standIn.premises = premises;
        return;
      }
      const target = this.statementClaim.get(conclusion);
      if (target === undefined) return;
      const id = this.addRelation(
        'support',
        premises,
        { claim: target },
        `step to (${i + 1}) of <${argument.title ?? ''}>`,
        statement.startLine,
      );
      if (id === undefined) return;
      this.mainRelation.set(argument, id);
      if (inference) this.inferenceRelation.set(inference, id);
    });
  }

  /** The claims a statement stands for: itself, or a stand-in's premises. */
  private claimsOf(title: string): string[] {
    const standIn = this.standIns.get(title);
    if (standIn) return standIn.premises;
    const id = this.statementClaim.get(title);
    return id === undefined ? [] : [id];
  }

  /** The claims a relation starts from: a reconstructed argument argues from its conclusion. */
  private premisesOf(member: ArgdownRelation['from']): string[] {
    if (!member) return [];
    if (member.type === 'equivalence-class') return this.claimsOf(member.title ?? '');
    if (member.type === 'argument') {
      const conclusion = member.pcs.at(-1)?.title;
      if (conclusion !== undefined) return this.claimsOf(conclusion);
      const id = this.argumentClaim.get(member);
      return id === undefined ? [] : [id];
    }
    return [];
  }

  /** The claim a support or attack lands on: a reconstructed argument's main conclusion. */
  private claimOf(member: ArgdownRelation['to']): string | undefined {
    if (!member) return undefined;
    if (member.type === 'equivalence-class') {
      if (this.standIns.has(member.title ?? '')) return undefined;
      return this.statementClaim.get(member.title ?? '');
    }
    if (member.type === 'argument') {
      const conclusion = member.pcs.at(-1)?.title;
      if (conclusion !== undefined)
        return this.claimOf({ type: 'equivalence-class', title: conclusion, members: [] });
      return this.argumentClaim.get(member);
    }
    return undefined;
  }

  private relation(relation: ArgdownRelation): void {
    const line = relation.occurrences[0]?.startLine;
    const what = describe(relation);
    const type = relation.relationType;
    if (type === 'contrary' || type === 'contradictory') {
      const a = this.claimOf(relation.from);
      const b = this.claimOf(relation.to);
      if (a === undefined || b === undefined) {
        this.leaveOut(what, 'one side is not a claim in the map', line);
        return;
      }
      this.addRelation('rebut', [a], { claim: b }, what, line);
      this.addRelation('rebut', [b], { claim: a }, what, line);
      this.notes.push(`${what} became a rebuttal each way.`);
      return;
    }
    const kind =
      type === 'attack'
        ? 'rebut'
        : type === 'support' || type === 'entails'
          ? 'support'
          : undefined;
    if (kind === undefined) {
      this.leaveOut(what, `Warrant has no "${type}" relation`, line);
      return;
    }
    if (type === 'entails') this.notes.push(`${what} became a support.`);
    const target = this.claimOf(relation.to);
    if (target === undefined) {
      this.leaveOut(what, 'its target is not a claim in the map', line);
      return;
    }
    const id = this.addRelation(
      kind,
      this.premisesOf(relation.from),
      { claim: target },
      what,
      line,
    );
    if (id !== undefined && relation.from?.type === 'argument')
      this.outgoing.get(relation.from)?.push(id);
    if (id !== undefined) this.folded(relation.from, id);
  }

  /**
   * A rebuttal folded from a stand-in is the reason its argument gives: an undercut of that
   * argument, or of its inference, lands on it.
   */
  private folded(from: ArgdownRelation['from'], id: string): void {
    const title =
      from?.type === 'equivalence-class'
        ? from.title
        : from?.type === 'argument'
          ? from.pcs.at(-1)?.title
          : undefined;
    const standIn = title === undefined ? undefined : this.standIns.get(title);
    if (!standIn) return;
    if (!this.mainRelation.has(standIn.argument)) this.mainRelation.set(standIn.argument, id);
    if (standIn.inference && !this.inferenceRelation.has(standIn.inference)) {
      this.inferenceRelation.set(standIn.inference, id);
    }
  }

  /**
   * An undercut rebuts an inference: a reconstructed argument's main (last) step, a named
   * inference, or the reasons an argument without a structure gives. Returns false (when not
   * `final`) if the reason it attacks is not made yet.
   */
  private undercut(relation: ArgdownRelation, final: boolean): boolean {
    const line = relation.occurrences[0]?.startLine;
    const what = describe(relation);
    const premises = this.premisesOf(relation.from);
    const to = relation.to;
    let targets: string[] = [];
    if (to?.type === 'inference') targets = optional(this.inferenceRelation.get(to));
    else if (to?.type === 'argument') {
      targets = to.pcs.length ? optional(this.mainRelation.get(to)) : (this.outgoing.get(to) ?? []);
    }
    if (!targets.length && !final) return false;
    if (!targets.length) {
      const claim = this.claimOf(to);
      if (claim === undefined) {
        this.leaveOut(what, 'it attacks no reason or claim in the map', line);
        return true;
      }
      this.addRelation('rebut', premises, { claim }, what, line);
      this.notes.push(
        `${what} attacks an argument that gives no reason in the map: it rebuts the argument's claim.`,
      );
      return true;
    }
    if (targets.length > 1)
      this.notes.push(
        `${what} became ${targets.length} undercuts, one per reason the argument gives.`,
      );
    for (const relationId of targets) {
      const id = this.addRelation('rebut', premises, { relation: relationId }, what, line);
      if (id !== undefined) this.folded(relation.from, id);
    }
    return true;
  }

  private addRelation(
    kind: Relation['kind'],
    premises: string[],
    target: Target,
    what: string,
    line?: number,
  ): string | undefined {
    const distinct = unique(premises);
    if (!distinct.length) {
      this.leaveOut(what, 'it starts from nothing that is a claim in the map', line);
      return undefined;
    }
    if ('claim' in target && distinct.includes(target.claim)) {
      this.leaveOut(what, 'a claim cannot be a reason for itself', line);
      return undefined;
    }
    if ('relation' in target && !this.relationIds.has(target.relation)) {
      this.leaveOut(what, 'the reason it undercuts is not in the map', line);
      return undefined;
    }
    const id = newId();
    this.relations.push({
      id,
      kind,
      premises: distinct,
      target,
      author: this.author,
      createdAt: this.time,
    });
    this.relationIds.add(id);
    return id;
  }
}

/** A statement marked `negates: true` that concludes an argument: it stands for a rebuttal. */
interface StandIn {
  premises: string[];
  argument: ArgdownArgument;
  inference: ArgdownInference | undefined;
}
