import { HttpStatus, INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { AGENDA_PAGE_STYLE } from './agendas/agenda-html';
import { BODY_LIMITS, bodyShapeGuard, bodyShapeProblem, verifyJsonShape } from './common/body-shape';
import { ProblemException } from './common/problem';
import { ProblemFilter } from './common/problem.filter';
import { securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { mountConsole } from './console-host/console-host';
import { ANSWER_PAGE_STYLE } from './invitations/answer-page.html';
import { SPEAKER_PAGE_STYLE } from './presentations/speaker-page.html';

/** Body-parser refusals become problems with their own codes instead of bare 400/413s. */
function bodyParserProblems(error: unknown, _req: unknown, _res: unknown, next: (error?: unknown) => void): void {
  const type = (error as { type?: string } | undefined)?.type;
  if (type === 'entity.parse.failed')
    return next(new ProblemException(HttpStatus.BAD_REQUEST, 'MALFORMED_JSON', 'The request body is not valid JSON.'));
  if (type === 'entity.too.large')
    return next(
      new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        'The request body is larger than this endpoint accepts.',
      ),
    );
  if (type === 'parameters.too.many') return next(bodyShapeProblem({ rule: 'maxKeysPerObject', at: 'the form' }));
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return next(
      new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_ENCODING',
        'The request body encoding is not supported; send UTF-8.',
      ),
    );
  }
  next(error);
}

/** Everything an app needs besides its modules; the service and the tests both call this. */
export function configureApp(app: INestApplication, config: AppConfig): INestApplication {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; otherwise the socket's
  // address is the client's, so rotating the header does not buy a fresh rate-limit budget.
  express.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  express.disable('x-powered-by');
  // Depth and key counts are checked before parsing (JSON) or while parsing (forms), so a hostile
  // shape is refused before it costs the event loop anything.
  express.useBodyParser('json', { limit: '2mb', verify: verifyJsonShape });
  express.useBodyParser('urlencoded', {
    limit: '256kb',
    extended: false,
    parameterLimit: BODY_LIMITS.maxKeysPerObject,
  });
  express.use(bodyParserProblems);
  express.use(bodyShapeGuard);
  // The console's session and CSRF cookies (src/auth/browser-sessions.service.ts).
  express.use(cookieParser());
  app.use(securityHeaders([ANSWER_PAGE_STYLE, SPEAKER_PAGE_STYLE, AGENDA_PAGE_STYLE]));
  // After the general headers, so the console's own CSP replaces the general one on its prefix.
  mountConsole(express);
  app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Convene')
      .setDescription(
        'Conference scheduling and invitations: conferences, bridge points, clusters, agendas, invitations, papers, deadlines.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
