import {
  getSource,
  hasClaim,
  listSources,
  observeChanges,
  resolvePassage,
  resolvePassages,
  storedCitation,
  storedCitations,
  shortCitation,
  shortQuote,
  sourceText,
  type ClaimId,
  type EvidenceView,
  type MapChange,
  type PassageId,
  type PassageResolution,
  type SourceId,
  type SourceView,
  type Stance,
} from '@warrant/shared';
import type * as Y from 'yjs';
import { Emitter, KeyedEmitter } from '../state/Emitter.ts';

/** One claim's citation of a passage, as a chip shows it. */
export interface EvidenceChip {
  readonly passage: PassageId;
  readonly source: SourceId;
  readonly stance: Stance;
  /** The words now at the passage, or its original quote if it is orphaned. */
  readonly quote: string;
  readonly short: string;
  /** "Reeder 2023". */
  readonly citation: string;
  readonly orphaned: boolean;
}

/** A passage as the reader highlights it. */
export interface ReaderPassage {
  readonly id: PassageId;
  readonly start: number;
  readonly end: number;
  readonly quote: string;
  /** Citing claims and how each uses the passage. */
  readonly citedBy: readonly { claim: ClaimId; stance: Stance }[];
}

export interface SourceReading {
  readonly source: SourceView;
  readonly text: string;
  readonly passages: readonly ReaderPassage[];
  /** Passages whose words were all deleted: listed with their original quote. */
  readonly orphaned: readonly ReaderPassage[];
}

const NO_CHIPS: readonly EvidenceChip[] = [];

/** Where a live passage is now. */
interface Resolved {
  readonly source: SourceId;
  readonly createdAt: number;
  readonly start: number;
  readonly end: number;
  /** The words now at the passage, or its original quote if it is orphaned. */
  readonly quote: string;
  readonly orphaned: boolean;
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key) ?? new Set<V>();
  set.add(value);
  index.set(key, set);
}

/**
 * Sources, passages and citations, resolved and cached. Each change is applied to the
 * records it names (see `MapChange`): a new citation rebuilds one claim's chips and one
 * source's reading; typing in a claim, or adding claims and reasons that cite nothing, costs
 * nothing here. Unchanged chips and readings keep their identity, and views subscribe per
 * claim and per source, so only the cards whose evidence changed re-render.
 */
export class EvidenceStore {
  private sources: readonly SourceView[] = [];
  private sourcesKey = '[]';
  private sourceById = new Map<SourceId, SourceView>();
  private texts = new Map<SourceId, string>();
  /** Live passages, resolved. */
  private resolved = new Map<PassageId, Resolved>();
  private passagesOf = new Map<SourceId, Set<PassageId>>();
  /** Every stored citation by key, live or not (a claim may come back by undo). */
  private citations = new Map<string, EvidenceView>();
  private citationsOfClaim = new Map<ClaimId, Set<string>>();
  private citationsOfPassage = new Map<PassageId, Set<string>>();
  private chips = new Map<ClaimId, readonly EvidenceChip[]>();
  private readings = new Map<SourceId, SourceReading>();
  private readonly sourcesChanged = new Emitter();
  private readonly chipsChanged = new KeyedEmitter<ClaimId>();
  private readonly readingChanged = new KeyedEmitter<SourceId>();
  /** Who to tell once a change is applied (after the measure, which is this store's own). */
  private readonly pending = {
    sources: false,
    chips: new Set<ClaimId>(),
    readings: new Set<SourceId>(),
  };
  private stop: (() => void) | null = null;

  /**
   * `deferred`: read nothing (and follow no change) until the first `refresh`, as a map that
   * is still loading wants: its first sync touches every record, which one `refresh` reads
   * more cheaply than change by change.
   */
  constructor(
    private readonly doc: Y.Doc,
    { deferred = false }: { deferred?: boolean } = {},
  ) {
    if (!deferred) this.refresh();
  }

  subscribeSources = this.sourcesChanged.subscribe;

  subscribeChips(claim: ClaimId, listener: () => void): () => void {
    return this.chipsChanged.subscribe(claim, listener);
  }

  subscribeReading(source: SourceId, listener: () => void): () => void {
    return this.readingChanged.subscribe(source, listener);
  }

  getSources = (): readonly SourceView[] => this.sources;

  chipsOf(claim: ClaimId): readonly EvidenceChip[] {
    return this.chips.get(claim) ?? NO_CHIPS;
  }

  reading(source: SourceId): SourceReading | undefined {
    return this.readings.get(source);
  }

  destroy(): void {
    this.stop?.();
    this.stop = null;
    this.sourcesChanged.clear();
    this.chipsChanged.clear();
    this.readingChanged.clear();
  }

  /** Rebuilds everything from the document; notifies only the views whose slice changed. */
  refresh(): void {
    this.stop ??= observeChanges(this.doc, (change) => this.apply(change));
    const start = performance.now();
    const sources = listSources(this.doc);
    this.sourceById = new Map(sources.map((s) => [s.id, s]));
    this.texts = new Map(sources.map((s) => [s.id, sourceText(this.doc, s.id) ?? '']));
    this.resolved = new Map();
    this.passagesOf = new Map();
    for (const r of resolvePassages(this.doc)) this.setResolved(r);
    this.citations = new Map();
    this.citationsOfClaim = new Map();
    this.citationsOfPassage = new Map();
    for (const [key, e] of storedCitations(this.doc)) this.addCitation(key, e);
    this.setSources(sources);
    this.rebuild(
      new Set([...this.chips.keys(), ...this.citationsOfClaim.keys()]),
      new Set([...this.readings.keys(), ...this.sourceById.keys()]),
    );
    performance.measure('warrant:refresh:evidence', { start });
    this.flush();
  }

  private apply(change: MapChange): void {
    if (change.textOnly) return;
    const { sources, passages, evidence, claims } = change;
    if (sources.added.size + sources.removed.size + sources.updated.size > 0) {
      // Rare (adding or removing a source, editing its details), and it changes which
      // passages are live and every chip's citation: rebuild.
      this.refresh();
      return;
    }
    const start = performance.now();
    const dirtyClaims = new Set<ClaimId>();
    const dirtySources = new Set<SourceId>();
    const passageMoved = (p: PassageId) => {
      for (const key of this.citationsOfPassage.get(p) ?? []) {
        const e = this.citations.get(key);
        if (e) dirtyClaims.add(e.claim);
      }
    };
    for (const id of change.sourceText) {
      const view = getSource(this.doc, id);
      if (!view || !this.sourceById.has(id)) continue;
      // The source's details include its length.
      this.sourceById.set(id, view);
      this.setSources(this.sources.map((s) => (s.id === id ? view : s)));
      this.texts.set(id, sourceText(this.doc, id) ?? '');
      dirtySources.add(id);
      for (const p of this.passagesOf.get(id) ?? []) this.dropResolved(p);
      for (const r of resolvePassages(this.doc, id)) this.setResolved(r);
      for (const p of this.passagesOf.get(id) ?? []) passageMoved(p);
    }
    for (const id of [...passages.added, ...passages.removed, ...passages.updated]) {
      const old = this.dropResolved(id);
      if (old) dirtySources.add(old.source);
      const r = resolvePassage(this.doc, id);
      if (r) {
        this.setResolved(r);
        dirtySources.add(r.passage.source);
      }
      passageMoved(id);
    }
    for (const key of [...evidence.added, ...evidence.removed, ...evidence.updated]) {
      const old = this.citations.get(key);
      if (old) this.dropCitation(key, old);
      const e = storedCitation(this.doc, key);
      if (e) this.addCitation(key, e);
      for (const c of [old, e]) {
        if (!c) continue;
        dirtyClaims.add(c.claim);
        const source = this.resolved.get(c.passage)?.source;
        if (source) dirtySources.add(source);
      }
    }
    // A claim that comes or goes takes its citations with it (chips, and readers' "cited by").
    for (const claim of [...claims.added, ...claims.removed]) {
      const keys = this.citationsOfClaim.get(claim);
      if (!keys) continue;
      dirtyClaims.add(claim);
      for (const key of keys) {
        const passage = this.citations.get(key)?.passage;
        const source = passage && this.resolved.get(passage)?.source;
        if (source) dirtySources.add(source);
      }
    }
    this.rebuild(dirtyClaims, dirtySources);
    performance.measure('warrant:refresh:evidence', { start });
    this.flush();
  }

  private setSources(sources: readonly SourceView[]): void {
    const key = JSON.stringify(sources);
    if (key === this.sourcesKey) return;
    this.sourcesKey = key;
    this.sources = sources;
    this.pending.sources = true;
  }

  private flush(): void {
    const { chips, readings } = this.pending;
    if (this.pending.sources) this.sourcesChanged.emit();
    this.pending.sources = false;
    for (const claim of chips) this.chipsChanged.emit(claim);
    for (const source of readings) this.readingChanged.emit(source);
    chips.clear();
    readings.clear();
  }

  private setResolved(r: PassageResolution): void {
    const p = r.passage;
    const anchored = r.status === 'anchored';
    this.resolved.set(p.id, {
      source: p.source,
      createdAt: p.createdAt,
      start: anchored ? r.start : 0,
      end: anchored ? r.end : 0,
      quote: anchored ? r.text : p.quote.exact,
      orphaned: !anchored,
    });
    addTo(this.passagesOf, p.source, p.id);
  }

  private dropResolved(id: PassageId): Resolved | undefined {
    const old = this.resolved.get(id);
    if (!old) return undefined;
    this.resolved.delete(id);
    this.passagesOf.get(old.source)?.delete(id);
    return old;
  }

  private addCitation(key: string, e: EvidenceView): void {
    this.citations.set(key, e);
    addTo(this.citationsOfClaim, e.claim, key);
    addTo(this.citationsOfPassage, e.passage, key);
  }

  private dropCitation(key: string, e: EvidenceView): void {
    this.citations.delete(key);
    this.citationsOfClaim.get(e.claim)?.delete(key);
    if (this.citationsOfClaim.get(e.claim)?.size === 0) this.citationsOfClaim.delete(e.claim);
    this.citationsOfPassage.get(e.passage)?.delete(key);
    if (this.citationsOfPassage.get(e.passage)?.size === 0) {
      this.citationsOfPassage.delete(e.passage);
    }
  }

  /** Live citations among `keys`, in the order `listEvidence` gives them. */
  private live(keys: Iterable<string>): EvidenceView[] {
    const out: [string, EvidenceView][] = [];
    for (const key of keys) {
      const e = this.citations.get(key);
      if (e && this.resolved.has(e.passage) && hasClaim(this.doc, e.claim)) out.push([key, e]);
    }
    return out
      .sort(([ka, a], [kb, b]) => a.createdAt - b.createdAt || ka.localeCompare(kb))
      .map(([, e]) => e);
  }

  /** Rebuilds the chips of `claims` and the readings of `sources`; tells who changed. */
  private rebuild(claims: ReadonlySet<ClaimId>, sources: ReadonlySet<SourceId>): void {
    for (const claim of claims) {
      const list: EvidenceChip[] = [];
      for (const e of this.live(this.citationsOfClaim.get(claim) ?? [])) {
        const r = this.resolved.get(e.passage);
        const source = r && this.sourceById.get(r.source);
        if (!r || !source) continue;
        list.push({
          passage: e.passage,
          source: r.source,
          stance: e.stance,
          quote: r.quote,
          short: shortQuote(r.quote, 48),
          citation: shortCitation(source),
          orphaned: r.orphaned,
        });
      }
      const old = this.chipsOf(claim);
      if (list.map(chipKey).join('\u0001') === old.map(chipKey).join('\u0001')) continue;
      if (list.length) this.chips.set(claim, list);
      else this.chips.delete(claim);
      this.pending.chips.add(claim);
    }
    for (const id of sources) {
      const next = this.readingOf(id);
      const old = this.readings.get(id);
      if (old && next && old.text === next.text && readingKey(old) === readingKey(next)) continue;
      if (!old && !next) continue;
      if (next) this.readings.set(id, next);
      else this.readings.delete(id);
      this.pending.readings.add(id);
    }
  }

  private readingOf(id: SourceId): SourceReading | undefined {
    const source = this.sourceById.get(id);
    if (!source) return undefined;
    const passages: ReaderPassage[] = [];
    const orphaned: ReaderPassage[] = [];
    const ids = [...(this.passagesOf.get(id) ?? [])].sort((a, b) => {
      const ra = this.resolved.get(a);
      const rb = this.resolved.get(b);
      return (ra?.createdAt ?? 0) - (rb?.createdAt ?? 0) || (a < b ? -1 : 1);
    });
    for (const p of ids) {
      const r = this.resolved.get(p);
      if (!r) continue;
      const citedBy = this.live(this.citationsOfPassage.get(p) ?? []).map((e) => ({
        claim: e.claim,
        stance: e.stance,
      }));
      const passage = { id: p, start: r.start, end: r.end, quote: r.quote, citedBy };
      (r.orphaned ? orphaned : passages).push(passage);
    }
    passages.sort((a, b) => a.start - b.start || a.end - b.end);
    return { source, text: this.texts.get(id) ?? '', passages, orphaned };
  }
}

function chipKey(c: EvidenceChip): string {
  return `${c.passage},${c.stance},${c.orphaned ? 1 : 0},${c.citation},${c.quote}`;
}

function passageKey(p: ReaderPassage): string {
  return `${p.id},${p.start},${p.end},${p.citedBy.map((c) => `${c.claim}${c.stance}`).join('+')}`;
}

/** Same key (and same text), same reading. */
function readingKey(r: SourceReading): string {
  const passages = r.passages.map(passageKey).join(';');
  return `${JSON.stringify(r.source)}|${passages}|${r.orphaned.map(passageKey).join(';')}`;
}
