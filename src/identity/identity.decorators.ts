import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, actorOf, Principal, UserPrincipal, UserRole } from './principal';

export const PUBLIC_KEY = 'convene:public';
export const ROLES_KEY = 'convene:roles';
export const LINK_PURPOSES_KEY = 'convene:link-purposes';

/** The endpoint needs no credentials. Everything else is closed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these account roles may call the endpoint (admin always may). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Holders of secret links with these purposes may call the endpoint too; the service must still
 * check that the link's subject covers what is asked for.
 */
export const AllowLinks = (...purposes: string[]) => SetMetadata(LINK_PURPOSES_KEY, purposes);

type AuthedRequest = { principal?: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<AuthedRequest>().principal,
);

/** The signed-in user; only for endpoints that do not allow links. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): UserPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (principal?.kind !== 'user') throw new Error('CurrentUser used on an endpoint reachable without a user');
  return principal;
});

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor =>
  actorOf(ctx.switchToHttp().getRequest<AuthedRequest>().principal),
);
