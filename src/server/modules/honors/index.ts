// Honors' public face: the routes (honors, star-rating campaigns, the honor wall and its consents, merit notices) and the case types' names.
import './honors.figures';
export { honorsRoutes } from './honors.routes';
export { MERIT_NOTICE_CASE_TYPE, STAR_CAMPAIGN_CASE_TYPE, STAR_NOMINATION_CASE_TYPE } from './honors.cases';
