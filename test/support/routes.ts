import type { INestApplication } from '@nestjs/common';
import type { World } from './world';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express form: `/conferences/:conferenceId/bridge-points/:pointId`. */
  path: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every route the application serves, read from the HTTP adapter's router, so a new endpoint
 * appears here without anyone listing it. The OpenAPI UI's own files are left out.
 */
export function routesOf(app: INestApplication): Route[] {
  const router = (
    app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    }
  ).router;
  const seen = new Set<string>();
  const routes: Route[] = [];
  for (const layer of router.stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const path = layer.route.path.replace(/\/$/, '') || '/';
    if (path.startsWith('/docs') || path.includes('*')) continue;
    for (const method of Object.keys(layer.route.methods).map((m) => m.toUpperCase())) {
      if (!METHODS.has(method)) continue;
      const key = `${method} ${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method: method as Route['method'], path });
    }
  }
  return routes;
}

export const routeKey = (r: Route) => `${r.method} ${r.path}`;

/**
 * Fills a route's parameters with the world's ids. The same name means different things under
 * different prefixes (`:id` of a conference, a plan, a unit…), hence the prefix rules; a name with
 * no rule gets a fresh UUID, which every caller must answer with 404.
 */
export function concretePath(route: Route, world: World): string {
  const ids = world.ids;
  const p = route.path;
  const inClusters = p.includes('/clusters/:clusterId');
  const value = (name: string): string => {
    switch (name) {
      case 'conferenceId':
        return inClusters || /\/clusters$/.test(p) ? ids.roundtableId : ids.conferenceId;
      case 'id':
        if (p.startsWith('/conferences')) return ids.conferenceId;
        if (p.startsWith('/presentations'))
          return p.endsWith('/speaker-link') ? ids.sparePresentationId : ids.presentationId;
        if (p.startsWith('/plans')) return ids.planId;
        if (p.startsWith('/units')) return route.method === 'DELETE' ? ids.extraUnitId : ids.unitId;
        if (p.startsWith('/people'))
          return route.method === 'DELETE' && p === '/people/:id' ? ids.sparePersonId : ids.personId;
        if (p.startsWith('/users')) return ids.ownerId;
        if (p.startsWith('/auth/tokens')) return ids.tokenId;
        if (p.startsWith('/outbox/queue')) return ids.queuedMessageId;
        return '00000000-0000-4000-8000-000000000000';
      case 'unitId':
        return p.endsWith('/speaker-link') ? ids.spareUnitId : ids.unitId;
      case 'invitationId':
        return p.endsWith('/resend') ? ids.resendInvitationId : ids.invitationId;
      case 'siteId':
        // Revoking a site's coordinator links: the host's, so that the matrix's own coordinator links stay alive.
        return route.method === 'DELETE' ? ids.hostPointId : ids.siteId;
      case 'slotId':
        return inClusters ? ids.clusterSlotId : ids.slotId;
      case 'personId':
        // Issuing a feed rotates it: keep the world's feed for GET /feeds/:file.
        return p.startsWith('/feeds') && route.method === 'POST' ? ids.sparePersonId : ids.personId;
      case 'userId':
        if (p.includes('/site-coordinators/')) return ids.spareCoordinatorId;
        // Stewardship goes to an account that calls nothing, so that no caller's reach changes.
        if (p.includes('/stewards/')) return ids.spareCoordinatorId;
        return route.method === 'DELETE' ? ids.spareMemberId : ids.observerMemberId;
      case 'token':
        return p.startsWith('/speaker')
          ? world.links.speaker
          : p.startsWith('/invitations/answer')
            ? world.links.answer
            : 'cvl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      case 'file':
        return world.links.feedFile;
      default:
        return ids[name] ?? '00000000-0000-4000-8000-000000000000';
    }
  };
  return p.replace(/:([A-Za-z]+)/g, (_m, name: string) => value(name));
}
