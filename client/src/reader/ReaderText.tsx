import type { PassageId, ReadingParagraph } from '@warrant/shared';
import {
  Fragment,
  forwardRef,
  memo,
  useMemo,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { ReaderPassage } from '../session/EvidenceStore.ts';
import {
  byParagraph,
  headOffsets,
  paragraphSegments,
  type PassageMark,
  type PassageTone,
  type Segment,
} from './segments.ts';

export interface ReaderTextProps {
  title: string;
  text: string;
  paragraphs: readonly ReadingParagraph[];
  passages: readonly ReaderPassage[];
  matches: readonly [number, number][];
  current: [number, number] | undefined;
  /** Focusing a highlight previews which claims cite it; leaving it ends that. */
  onPreview: (passages: readonly PassageId[] | null) => void;
  /** Which claims cite these passages, in words: a highlight's tooltip on hover. */
  describe: (passages: readonly PassageId[]) => string;
  /** Clicking a highlight, or Enter on it, keeps the list open (`keyboard`: move focus there). */
  onPin: (passages: readonly PassageId[], keyboard: boolean) => void;
}

function toneOf(p: ReaderPassage): PassageTone {
  const support = p.citedBy.some((c) => c.stance === 'support');
  const rebut = p.citedBy.some((c) => c.stance === 'rebut');
  return support && rebut ? 'mixed' : support ? 'support' : rebut ? 'rebut' : 'uncited';
}

function passageLabel(p: ReaderPassage): string {
  const support = p.citedBy.filter((c) => c.stance === 'support').length;
  const rebut = p.citedBy.length - support;
  const parts = [];
  if (support) parts.push(`supports ${support} claim${support === 1 ? '' : 's'}`);
  if (rebut) parts.push(`rebuts ${rebut} claim${rebut === 1 ? '' : 's'}`);
  return `Cited passage: “${p.quote.replace(/\s+/g, ' ')}” (${parts.join(', ') || 'not cited'})`;
}

/**
 * The source as paragraphs, each cut into runs (see `segments.ts`): plain text, search
 * matches, and cited passages marked by stance with a sign and a line style (never colour
 * alone). A passage's first run is a focusable button named after its quote and its use.
 */
export const ReaderText = memo(
  forwardRef<HTMLDivElement, ReaderTextProps>(function ReaderText(props, ref) {
    const { title, paragraphs, passages, matches, current, onPreview, onPin, describe } = props;
    const byId = useMemo(() => new Map(passages.map((p) => [p.id, p])), [passages]);
    const marks = useMemo<PassageMark[]>(
      () => passages.map((p) => ({ id: p.id, start: p.start, end: p.end, tone: toneOf(p) })),
      [passages],
    );
    const heads = useMemo(() => headOffsets(paragraphs, marks), [paragraphs, marks]);
    const marksIn = useMemo(
      () => byParagraph(paragraphs, marks, (m) => [m.start, m.end]),
      [paragraphs, marks],
    );
    const matchesIn = useMemo(
      () => byParagraph(paragraphs, matches, (m) => m),
      [paragraphs, matches],
    );

    const renderSegment = (para: ReadingParagraph, seg: Segment): ReactNode => {
      let node: ReactNode = para.text.slice(seg.start - para.start, seg.end - para.start);
      if (seg.match !== 'none') {
        node = <mark className={`match${seg.match === 'current' ? ' current' : ''}`}>{node}</mark>;
      }
      if (seg.passages.length === 0) return node;
      const headPassages = seg.heads.map((id) => byId.get(id)).filter((p) => p !== undefined);
      const head = headPassages.length > 0;
      const onKeyDown = (e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onPin(seg.passages, true);
        }
      };
      return (
        <mark
          className={`passage ${seg.tone ?? 'uncited'}${head ? ' head' : ''}`}
          data-passages={seg.passages.join(' ')}
          // A tooltip rather than the list below: showing the list on hover would move
          // the text under the pointer. Written on entry, so it names the claims as they are now.
          onMouseEnter={(e) => {
            e.currentTarget.title = describe(seg.passages);
          }}
          onClick={() => onPin(seg.passages, false)}
          {...(head
            ? {
                'data-passage-head': seg.heads.join(' '),
                tabIndex: 0,
                role: 'button',
                'aria-label': headPassages.map(passageLabel).join('; '),
                onFocus: (e: FocusEvent<HTMLElement>) => {
                  onPreview(seg.passages);
                  // The list opening below shrinks the text: keep the focused words in view.
                  const el = e.currentTarget;
                  requestAnimationFrame(() => el.scrollIntoView({ block: 'nearest' }));
                },
                onBlur: () => onPreview(null),
                onKeyDown,
              }
            : {})}
        >
          {node}
        </mark>
      );
    };

    return (
      <div className="reader-text" ref={ref} aria-label={`Text of ${title}`} role="document">
        {paragraphs.map((p, i) => {
          const segs = paragraphSegments(p, marksIn[i] ?? [], heads, matchesIn[i] ?? [], current);
          return (
            <p key={p.start} data-start={p.start}>
              {segs.length === 1 && segs[0]?.passages.length === 0 && segs[0].match === 'none'
                ? p.text
                : segs.map((s) => <Fragment key={s.start}>{renderSegment(p, s)}</Fragment>)}
            </p>
          );
        })}
      </div>
    );
  }),
);
