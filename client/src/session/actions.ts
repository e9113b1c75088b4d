import {
  addClaim,
  addPassage,
  addPremise,
  addSource,
  cite,
  connect,
  disconnect,
  editSourceText,
  findPassage,
  removeClaim,
  removePremise,
  removeSource,
  uncite,
  updateSource,
  type ClaimId,
  type NewSource,
  type PassageId,
  type RelationId,
  type RelationKind,
  type SourceId,
  type SourceMeta,
  type Stance,
  type Target,
} from '@warrant/shared';
import type { MapSession } from './MapSession.ts';

/**
 * Every change a person makes, each one transaction and so one undo step. Views call these;
 * only `shared/` knows how the map is stored.
 */

/** A new claim on its own (a new conclusion). */
export function addRootClaim(session: MapSession, text = ''): ClaimId {
  return session.act(() => addClaim(session.doc, { text, author: session.me.name }));
}

/** A new claim that supports or rebuts `target`, as a reason with one premise. */
export function addReason(
  session: MapSession,
  target: Target,
  kind: RelationKind,
  text = '',
): { claim: ClaimId; relation: RelationId } {
  return session.act(() => {
    const claim = addClaim(session.doc, { text, author: session.me.name });
    const relation = connect(session.doc, {
      kind,
      premises: [claim],
      target,
      author: session.me.name,
    });
    return { claim, relation };
  });
}

/** A new claim joined to an existing reason: the premises only work together. */
export function addCoPremise(session: MapSession, relation: RelationId, text = ''): ClaimId {
  return session.act(() => {
    const claim = addClaim(session.doc, { text, author: session.me.name });
    addPremise(session.doc, relation, claim);
    return claim;
  });
}

/** Draws a reason from an existing claim to an existing claim. */
export function connectClaims(
  session: MapSession,
  premise: ClaimId,
  target: Target,
  kind: RelationKind,
): RelationId {
  return session.act(() =>
    connect(session.doc, { kind, premises: [premise], target, author: session.me.name }),
  );
}

/** Joins an existing claim to an existing reason as a co-premise. */
export function joinReason(session: MapSession, relation: RelationId, claim: ClaimId): void {
  session.act(() => addPremise(session.doc, relation, claim));
}

/** Takes one premise out of a linked reason; the claim itself stays in the map. */
export function leaveReason(session: MapSession, relation: RelationId, claim: ClaimId): void {
  session.act(() => removePremise(session.doc, relation, claim));
}

export function deleteClaim(session: MapSession, claim: ClaimId): void {
  session.act(() => removeClaim(session.doc, claim));
}

export function deleteReason(session: MapSession, relation: RelationId): void {
  session.act(() => disconnect(session.doc, relation));
}

/** The reason a claim is a premise of (the first one), for "Add co-premise". */
export function reasonOf(session: MapSession, claim: ClaimId): RelationId | undefined {
  return session.store.getStructure().relations.find((r) => r.premises.includes(claim))?.id;
}

/** A linked reason (several premises) the claim is one premise of, for "Take out of reason". */
export function linkedReasonOf(session: MapSession, claim: ClaimId): RelationId | undefined {
  return session.store
    .getStructure()
    .relations.find((r) => r.premises.length > 1 && r.premises.includes(claim))?.id;
}

/**
 * Cites `[start, end)` of a source for `claim`: the passage already quoting exactly those
 * words if there is one (so one highlight lists every claim citing it), else a new one.
 */
export function citeSpan(
  session: MapSession,
  claim: ClaimId,
  source: SourceId,
  span: { start: number; end: number },
  stance: Stance,
): PassageId {
  return session.act(() => {
    const passage =
      findPassage(session.doc, source, span) ??
      addPassage(session.doc, { source, ...span, author: session.me.name });
    cite(session.doc, { claim, passage, stance, author: session.me.name });
    return passage;
  });
}

/** A new claim whose text is the passage (line breaks read as spaces), citing it in support. */
export function claimFromSpan(
  session: MapSession,
  source: SourceId,
  span: { start: number; end: number },
  text: string,
): ClaimId {
  return session.act(() => {
    const claim = addClaim(session.doc, {
      text: text.replace(/\s+/g, ' ').trim(),
      author: session.me.name,
    });
    const passage =
      findPassage(session.doc, source, span) ??
      addPassage(session.doc, { source, ...span, author: session.me.name });
    cite(session.doc, { claim, passage, stance: 'support', author: session.me.name });
    return claim;
  });
}

/** Imports a source document into the map. */
export function importSource(session: MapSession, input: NewSource): SourceId {
  return session.act(() => addSource(session.doc, { ...input, author: session.me.name }));
}

/** Takes back one claim's citation of a passage (the passage stays for other citations). */
export function removeCitation(session: MapSession, claim: ClaimId, passage: PassageId): void {
  session.act(() => uncite(session.doc, claim, passage));
}

/**
 * Deletes words from a source's text: clean-up of what PDF extraction left in it (a running
 * page header, a footnote number). Passages keep to their words through the edit.
 */
export function deleteSourceText(
  session: MapSession,
  source: SourceId,
  span: { start: number; end: number },
): void {
  session.act(() =>
    editSourceText(session.doc, source, { index: span.start, deleteCount: span.end - span.start }),
  );
}

/** Changes a source's title and citation details; the text and its passages stay as they are. */
export function editSourceDetails(
  session: MapSession,
  source: SourceId,
  patch: Partial<SourceMeta>,
): void {
  session.act(() => updateSource(session.doc, source, patch));
}

/**
 * Removes a source with its passages and their citations (the citing claims stay). One undo
 * step brings all of it back.
 */
export function deleteSource(session: MapSession, source: SourceId): void {
  session.act(() => removeSource(session.doc, source));
}
