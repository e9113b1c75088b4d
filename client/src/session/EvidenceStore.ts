import {
  listEvidence,
  listSources,
  observeMap,
  resolvePassages,
  shortCitation,
  shortQuote,
  sourceText,
  type ClaimId,
  type PassageId,
  type SourceId,
  type SourceView,
  type Stance,
} from '@warrant/shared';
import * as Y from 'yjs';

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

/**
 * Sources, passages and citations, resolved and cached. Recomputed after a change to
 * anything but claim text (typing never costs this), and each claim's chips keep their
 * identity while unchanged, so only the cards whose evidence changed re-render.
 */
export class EvidenceStore {
  private sources: readonly SourceView[] = [];
  private chips = new Map<ClaimId, readonly EvidenceChip[]>();
  private readings = new Map<SourceId, SourceReading>();
  private key = '';
  private chipKeys = new Map<ClaimId, string>();
  private texts = new Map<SourceId, string>();
  private readonly listeners = new Set<() => void>();
  private readonly stop: () => void;
  private textOnly = false;

  constructor(private readonly doc: Y.Doc) {
    const classify = (tr: Y.Transaction) => {
      this.textOnly = [...tr.changed.keys()].every(
        (t) => t instanceof Y.XmlFragment || t instanceof Y.XmlElement || t instanceof Y.XmlText,
      );
    };
    doc.on('afterTransaction', classify);
    const unobserve = observeMap(doc, () => {
      if (!this.textOnly) this.refresh();
    });
    this.stop = () => {
      unobserve();
      doc.off('afterTransaction', classify);
    };
    this.refresh();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSources = (): readonly SourceView[] => this.sources;

  chipsOf(claim: ClaimId): readonly EvidenceChip[] {
    return this.chips.get(claim) ?? NO_CHIPS;
  }

  reading(source: SourceId): SourceReading | undefined {
    return this.readings.get(source);
  }

  destroy(): void {
    this.stop();
    this.listeners.clear();
  }

  refresh(): void {
    const start = performance.now();
    const sources = listSources(this.doc);
    const byId = new Map(sources.map((s) => [s.id, s]));
    const texts = new Map<SourceId, string>();
    for (const s of sources) texts.set(s.id, sourceText(this.doc, s.id) ?? '');
    const evidence = listEvidence(this.doc);
    const citers = new Map<PassageId, { claim: ClaimId; stance: Stance }[]>();
    for (const e of evidence) {
      const list = citers.get(e.passage) ?? [];
      list.push({ claim: e.claim, stance: e.stance });
      citers.set(e.passage, list);
    }
    const readings = new Map<SourceId, { passages: ReaderPassage[]; orphaned: ReaderPassage[] }>();
    const resolved = new Map<PassageId, { source: SourceId; quote: string; orphaned: boolean }>();
    for (const r of resolvePassages(this.doc)) {
      const p = r.passage;
      const entry = readings.get(p.source) ?? { passages: [], orphaned: [] };
      readings.set(p.source, entry);
      const citedBy = citers.get(p.id) ?? [];
      if (r.status === 'anchored') {
        entry.passages.push({ id: p.id, start: r.start, end: r.end, quote: r.text, citedBy });
        resolved.set(p.id, { source: p.source, quote: r.text, orphaned: false });
      } else {
        entry.orphaned.push({ id: p.id, start: 0, end: 0, quote: p.quote.exact, citedBy });
        resolved.set(p.id, { source: p.source, quote: p.quote.exact, orphaned: true });
      }
    }
    const chips = new Map<ClaimId, EvidenceChip[]>();
    for (const e of evidence) {
      const r = resolved.get(e.passage);
      const source = r && byId.get(r.source);
      if (!r || !source) continue;
      const list = chips.get(e.claim) ?? [];
      list.push({
        passage: e.passage,
        source: r.source,
        stance: e.stance,
        quote: r.quote,
        short: shortQuote(r.quote, 48),
        citation: shortCitation(source),
        orphaned: r.orphaned,
      });
      chips.set(e.claim, list);
    }
    // Change detection by cheap string keys (this runs after every change to the map's
    // shape, so on a big map it must not serialise everything): one key per claim's chips,
    // one per source's passages, and each source's text compared as it is.
    const chipKeys = new Map<ClaimId, string>();
    for (const [claim, list] of chips) chipKeys.set(claim, list.map(chipKey).join('\u0001'));
    const key = [
      JSON.stringify(sources),
      ...[...readings].map(
        ([id, r]) =>
          `${id}:${r.passages.map(passageKey).join(';')}|${r.orphaned.map(passageKey).join(';')}`,
      ),
      ...[...chipKeys].map(([claim, k]) => `${claim}=${k}`),
    ].join('\n');
    const textsSame =
      texts.size === this.texts.size && [...texts].every(([id, t]) => this.texts.get(id) === t);
    if (key === this.key && textsSame) {
      performance.measure('warrant:refresh:evidence', { start });
      return;
    }
    this.key = key;
    this.texts = texts;
    this.sources = sources;
    // Keep each claim's array when its chips did not change: its card need not re-render.
    const next = new Map<ClaimId, readonly EvidenceChip[]>();
    for (const [claim, list] of chips) {
      const old = this.chips.get(claim);
      next.set(claim, old && this.chipKeys.get(claim) === chipKeys.get(claim) ? old : list);
    }
    this.chips = next;
    this.chipKeys = chipKeys;
    this.readings = new Map(
      sources.map((s) => {
        const r = readings.get(s.id) ?? { passages: [], orphaned: [] };
        r.passages.sort((a, b) => a.start - b.start || a.end - b.end);
        return [s.id, { source: s, text: texts.get(s.id) ?? '', ...r }];
      }),
    );
    performance.measure('warrant:refresh:evidence', { start });
    for (const listener of this.listeners) listener();
  }
}

function chipKey(c: EvidenceChip): string {
  return `${c.passage},${c.stance},${c.orphaned ? 1 : 0},${c.citation},${c.quote}`;
}

function passageKey(p: ReaderPassage): string {
  return `${p.id},${p.start},${p.end},${p.citedBy.map((c) => `${c.claim}${c.stance}`).join('+')}`;
}
