import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request } from 'express';
import type { LinkPrincipal, Principal } from '../identity/principal';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { SPEAKER_LINK, SPEAKER_UNIT_LINK } from './speaker-links.service';

const TOKEN_IN_PATH = /^\/speaker\/(cvl_[A-Za-z0-9_-]{1,100})(?:[/?]|$)/;

/**
 * The speaker's page carries its secret in the path (it is opened from an e-mail, without an
 * account). This resolves it before the guards run, so the upload rate limit counts per link, as
 * for the API, and the page handlers receive the link's principal. An unknown token sets nothing.
 */
@Injectable()
export class SpeakerLinkMiddleware implements NestMiddleware {
  constructor(private readonly links: SecretLinksService) {}

  async use(req: Request & { principal?: Principal }, _res: unknown, next: NextFunction): Promise<void> {
    try {
      const token = TOKEN_IN_PATH.exec(req.originalUrl)?.[1];
      const link = token ? await this.links.resolve(token, [SPEAKER_LINK, SPEAKER_UNIT_LINK]) : null;
      if (link) {
        const principal: LinkPrincipal = {
          kind: 'link',
          linkId: link.id,
          purpose: link.purpose,
          subjectId: link.subjectId,
          conferenceId: link.conferenceId,
        };
        req.principal = principal;
      }
      next();
    } catch (error) {
      next(error);
    }
  }
}
