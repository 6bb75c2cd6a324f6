import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

// pino JSON logs with a request id per request (taken from X-Request-Id when it is sane);
// credentials and key material are redacted wherever they appear.
export const HubLoggerModule = LoggerModule.forRoot({
  pinoHttp: {
    level: process.env.LOG_LEVEL ?? 'info',
    genReqId: (req: IncomingMessage) => {
      const header = req.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
        '*.key',
        '*.secret',
        '*.password',
        '*.privateKey',
        '*.privateKeyPem',
        '*.passphrase',
        '*.pkcs12',
        '*.masterKey',
        '*.adminToken',
      ],
      censor: '[redacted]',
    },
    customProps: (req: IncomingMessage & { principal?: { kind: string; code?: string; partyId?: string } }) =>
      req.principal ? { caller: req.principal.code ?? req.principal.partyId ?? req.principal.kind } : {},
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
  },
});
