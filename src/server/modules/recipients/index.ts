// The registry's public face: what other modules, app.ts, cli/ and other modules' tests may use.
import './recipients.figures';
export { recipientRoutes } from './recipients.routes';
export { recipientDied, recipientMovedIn, recipientsMerged, recipientsRegistered, type RegisteredRecipient } from './recipients.events';
export { applyVisitFindingsIn, insertImportedIn, setEmploymentStatusIn, setFamilyMemberEmploymentStatusIn, latestBirthForAge, requireRecipient, startCollectionIn } from './recipients.service';
export {
  ImportedCounts,
  ImportedTokens,
  countLedgerRows,
  directRollupsUnscoped,
  homeServiceOf,
  insertGeneratedUnscoped,
  ledgerChunk,
  registryLinkOfIdHashUnscoped,
  personOfIdHashUnscoped,
  syncKeyGroupsUnscoped,
  unitPathByIdUnscoped,
  type ImportedRecipient,
  type ImportedRow,
  type LedgerCursor,
  type LedgerFilter,
  type RecipientRow,
} from './recipients.repo';
