// Petitions' public face.
import './petitions.figures';
export { petitionRoutes } from './petitions.routes';
export { petitionRegistered } from './petitions.events';
export { parsePayload, petitionInRange, queryCodeHash, registerPetition, registerPublicPetition, type RegistrationInput } from './petitions.service';
export { petitionByQueryCodeUnscoped, petitionsOfPublicAccountUnscoped, ratePetitionUnscoped, type PetitionRow } from './petitions.repo';
export { petitionsOverviewSection } from './petitions.overview';
/** the registry people who petitioned in a range and period (a satisfaction survey's population) */
export { recipientsPetitionedUnscoped } from './petitions.repo';
