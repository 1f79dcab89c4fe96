// For tests that build org trees fast (test/scope-properties): the org-units service's writers,
// called in-process with a scope and an actor instead of through HTTP. Not for other modules.
export { createOrgUnit, mergeOrgUnit, moveOrgUnit } from './org-units.service';
