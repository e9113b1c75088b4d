import { onDemand } from '../ui/onDemand.tsx';

/*
 * The map page's panels and dialogs that show only when asked for: their code loads then
 * (`onDemand`), so opening a map evaluates only what its first view shows. (The reader stays
 * with the page: what it shows is read at once when it opens, by people and tests alike.)
 */

export const PrintView = onDemand(
  () => import('../formats/PrintView.tsx').then((m) => m.PrintView),
  'PrintView',
);
export const VersionsPanel = onDemand(
  () => import('../versions/VersionsPanel.tsx').then((m) => m.VersionsPanel),
  'VersionsPanel',
);
export const ComparePanel = onDemand(
  () => import('../compare/ComparePanel.tsx').then((m) => m.ComparePanel),
  'ComparePanel',
);
export const FeedbackPanel = onDemand(
  () => import('../classroom/FeedbackPanel.tsx').then((m) => m.FeedbackPanel),
  'FeedbackPanel',
);
export const GradingPanel = onDemand(
  () => import('../classroom/GradingPanel.tsx').then((m) => m.GradingPanel),
  'GradingPanel',
);
export const HelpDialog = onDemand(
  () => import('./HelpDialog.tsx').then((m) => m.HelpDialog),
  'HelpDialog',
);
export const ShareDialog = onDemand(
  () => import('./ShareDialog.tsx').then((m) => m.ShareDialog),
  'ShareDialog',
);
export const NewAssignmentDialog = onDemand(
  () => import('../classroom/NewAssignmentDialog.tsx').then((m) => m.NewAssignmentDialog),
  'NewAssignmentDialog',
);
export const ImportSourceDialog = onDemand(
  () => import('../sources/ImportSourceDialog.tsx').then((m) => m.ImportSourceDialog),
  'ImportSourceDialog',
);
