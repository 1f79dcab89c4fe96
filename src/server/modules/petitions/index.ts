// Petitions' public face.
import './petitions.figures';
export { petitionRoutes } from './petitions.routes';
export { petitionRegistered } from './petitions.events';
export { parsePayload, petitionInRange, queryCodeHash, registerPetition, registerPublicPetition, type RegistrationInput } from './petitions.service';
export { petitionByQueryCodeUnscoped, petitionsOfPublicAccountUnscoped, ratePetitionUnscoped, type PetitionRow } from './petitions.repo';
export { petitionsOverviewSection } from './petitions.overview';
