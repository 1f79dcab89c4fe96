// The security policy's public face.
export { securityPolicyRoutes } from './security-policy.routes';
export { getSecurityPolicy } from './security-policy.service';
