// Helpers for tests of other modules that need a public account: solving the registration's
// proof of work as a browser would.
export { solveChallenge } from './pow';
