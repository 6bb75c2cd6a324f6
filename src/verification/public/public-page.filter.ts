import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from '../../core/errors/problem.filter';
import { PAGE_SECURITY_HEADERS } from './render/html';
import { renderMessagePage } from './render/verification-page';

const TITLES: Record<number, [string, string]> = {
  404: ['Not found', 'No certificate has this verification code. Check the QR code or the address you typed.'],
  429: ['Too many checks', 'This address has checked too many certificates in a short time. Try again in a minute.'],
};

/** The public page answers in HTML whatever happens (a browser shows it); the API keeps problem+json. */
@Catch()
export class PublicPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('PublicPage');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception, request);
    if (problem.status >= 500) this.logger.error({ err: exception, requestId: problem.requestId }, 'Public page error');
    const [title, message] = TITLES[problem.status] ?? (problem.status >= 500 ? ['Not available', 'The check could not be made just now. Try again later.'] : ['Not found', TITLES[404][1]]);
    void reply.status(problem.status).headers(PAGE_SECURITY_HEADERS).header('content-type', 'text/html; charset=utf-8').send(renderMessagePage(problem.status, title, message));
  }
}
