import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { securityPolicySchema } from '../../../shared/schemas/security-policy';
import { actorOf, requireAuth } from '../../platform/auth';
import { getSecurityPolicy, setSecurityPolicy } from './security-policy.service';

export const securityPolicyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/security-policy',
    {
      config: { permission: 'policy:read' },
      schema: { tags: ['安全策略'], summary: '读取密码与会话策略', response: { 200: securityPolicySchema } },
    },
    async () => getSecurityPolicy(app.ctx),
  );
  app.put(
    '/api/security-policy',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags: ['安全策略'],
        summary: '修改密码与会话策略',
        body: securityPolicySchema,
        response: { 200: securityPolicySchema },
      },
    },
    async (req) => setSecurityPolicy(app.ctx, actorOf(req), requireAuth(req), req.body),
  );
};
