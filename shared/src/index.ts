/**
 * The argument-map model: the only code that knows the Y.Doc's keys. Client and server call
 * these operations and queries; see SCHEMA.md for the document's shape.
 */
export { SCHEMA_VERSION } from './schema.ts';
export { SchemaError, ModelError } from './errors.ts';
export { newId, type ClaimId, type RelationId, type SourceId, type PassageId } from './ids.ts';
export { createMap, readMeta, setTitle, isMap, MAX_TITLE_LENGTH, type MapMeta } from './meta.ts';
export {
  checkMapVersion,
  openMap,
  MIGRATIONS,
  type Migration,
  type OpenResult,
} from './migrations.ts';
export {
  plainToRich,
  readRich,
  writeRich,
  fragmentText,
  richText,
  richDocSchema,
  RICH_NODE_TYPES,
  RICH_MARK_TYPES,
  HEADING_LEVELS,
  LINK_PROTOCOLS,
  isSafeHref,
  type RichDoc,
  type RichNode,
  type RichMark,
} from './richtext.ts';
export {
  addClaim,
  setClaimText,
  removeClaim,
  hasClaim,
  getClaim,
  listClaims,
  listClaimStamps,
  claimFragment,
  claimContent,
  MAX_CLAIM_TEXT,
  type ClaimView,
  type ClaimStamp,
  type NewClaim,
} from './records/Claim.ts';
export {
  connect,
  disconnect,
  addPremise,
  removePremise,
  listRelations,
  getRelation,
  liveAmong,
  storedRelation,
  storedRelations,
  forEachStoredRelation,
  RELATION_KINDS,
  type RelationKind,
  type RelationView,
  type NewRelation,
  type Target,
  type StoredRelation,
} from './records/Relation.ts';
export {
  addSource,
  updateSource,
  removeSource,
  getSource,
  listSources,
  sourceBody,
  sourceText,
  editSourceText,
  MAX_SOURCE_TEXT,
  type SourceMeta,
  type SourceView,
  type NewSource,
} from './records/Source.ts';
export {
  addPassage,
  resolvePassage,
  resolvePassages,
  findPassage,
  getPassage,
  listPassages,
  removePassage,
  type PassageView,
  type PassageResolution,
  type NewPassage,
} from './records/Passage.ts';
export {
  cite,
  uncite,
  listEvidence,
  storedCitation,
  storedCitations,
  STANCES,
  type Stance,
  type EvidenceView,
  type NewEvidence,
} from './records/Evidence.ts';
export {
  locateQuote,
  quoteSelector,
  CONTEXT_LENGTH,
  type TextQuoteSelector,
  type TextPositionSelector,
  type TextRange,
} from './anchoring.ts';
export {
  proConTree,
  proConForest,
  rootClaims,
  unsupportedClaims,
  mapStats,
  type ProConNode,
  type ProConReason,
} from './queries.ts';
export {
  observeMap,
  observeChanges,
  describeTransaction,
  modelTypes,
  type MapChange,
  type RecordChanges,
} from './observe.ts';
export {
  mapJsonSchema,
  MAP_JSON_FORMAT,
  MAP_JSON_VERSION,
  type MapJson,
} from './formats/json/MapJson.ts';
export { exportMap } from './formats/json/exportMap.ts';
export { importMap, parseMapJson } from './formats/json/importMap.ts';
export { jsonFormat } from './formats/json/jsonFormat.ts';
export * from './formats/index.ts';
// The exporters alone, for a caller (the browser) that writes formats but must not load the
// importers' parsers (@argdown/core) that the registry's objects hold.
export { mapToArgdown } from './formats/argdown/exportArgdown.ts';
export { mapToAif } from './formats/aif/mapToAif.ts';
export {
  readingParagraphs,
  findAll,
  trimSpan,
  shortCitation,
  shortQuote,
  type ReadingParagraph,
} from './reading.ts';
export * from './protocol/index.ts';
export * from './evaluation/index.ts';
export * from './review/index.ts';
export * from './diff/index.ts';
export {
  authorFigures,
  authorOfClients,
  claimCreator,
  claimCreators,
  claimTextRuns,
  wordsByAuthor,
  WORD,
  type AuthorFigures,
  type AuthorOf,
  type TextRun,
} from './authors/authorship.ts';
export * from './compare/index.ts';
export * from './classroom/index.ts';
