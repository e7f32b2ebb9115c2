import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProblemException } from '../common/problem';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { LINK_PURPOSES_KEY, PUBLIC_KEY, ROLES_KEY } from '../identity/identity.decorators';
import { AuthService } from './auth.service';
import { BrowserSessionsService } from './browser-sessions.service';
import { LinkPrincipal, Principal, UserRole } from '../identity/principal';
import { LINK_TOKEN_PREFIX } from '../identity/secret-tokens';

const unauthenticated = (detail: string) => new ProblemException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', detail);
const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'FORBIDDEN', detail);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every endpoint is closed unless marked @Public(). A bearer token is a login JWT, an API token
 * (`cvt_…`) or a secret link (`cvl_…`, only where @AllowLinks names its purpose).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly links: SecretLinksService,
    private readonly sessions: BrowserSessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const meta = <T>(key: string) =>
      this.reflector.getAllAndOverride<T>(key, [context.getHandler(), context.getClass()]);
    const isPublic = meta<boolean>(PUBLIC_KEY) ?? false;
    // A public page whose path carries its own secret (the speaker's page) was resolved by its
    // middleware; a bearer token the browser happens to send must not replace that principal.
    if (isPublic && request.principal) return true;
    const token = bearerToken(request);
    // Without a bearer token, the console's session cookie stands in for one (not on public
    // endpoints, so that a stale cookie never stands in the way of logging in).
    if (!token && (isPublic || !this.sessions.hasCookie(request))) {
      if (isPublic) return true;
      throw unauthenticated('This endpoint needs a bearer token: log in at POST /auth/login or use an API token.');
    }
    const principal = token
      ? await this.principalFor(token, meta<string[]>(LINK_PURPOSES_KEY) ?? [])
      : await this.sessions.principalFor(request);
    if (!principal) {
      if (isPublic) return true;
      throw unauthenticated('The bearer token is not valid (expired, revoked or unknown).');
    }
    request.principal = principal;
    if (isPublic) return true;
    if (principal.kind === 'link') return true;
    const roles = meta<UserRole[]>(ROLES_KEY);
    if (principal.role === 'admin') return true;
    if (roles && !roles.includes(principal.role)) throw forbidden(`This needs the role ${roles.join(' or ')}.`);
    // Observers read; they never change anything unless an endpoint names them.
    if (principal.role === 'observer' && !READ_METHODS.has(request.method) && !roles?.includes('observer')) {
      throw forbidden('Observers have read-only access.');
    }
    return true;
  }

  private async principalFor(token: string, linkPurposes: string[]): Promise<Principal | null> {
    if (!token.startsWith(LINK_TOKEN_PREFIX)) return this.auth.authenticate(token);
    if (linkPurposes.length === 0) return null;
    const link = await this.links.resolve(token, linkPurposes);
    if (!link) return null;
    const principal: LinkPrincipal = {
      kind: 'link',
      linkId: link.id,
      purpose: link.purpose,
      subjectId: link.subjectId,
      conferenceId: link.conferenceId,
    };
    return principal;
  }
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
