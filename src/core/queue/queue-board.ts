import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardServerAdapter } from '@bull-board/fastify';
import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toProblem, sendProblem } from '../errors/problem.filter';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import { QueueService } from './queue.service';

export enum BoardAccess {
  ALLOWED = 'ALLOWED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
}

export interface BoardMount {
  /** Where the dashboard is served, e.g. /admin/queues. */
  basePath: string;
  /** Who may look, decided for every request (the page and each of its API calls) from its Authorization header. */
  authorize: (authorization: string | undefined) => Promise<BoardAccess>;
}

/**
 * The queue dashboard (Bull Board) for the operator: every queue this process knows, the per-partner
 * queues included as they are created at run time. Read-only: Redis carries work, never truth, so
 * what an operator does about a delivery (pause a partner, redeliver) goes through the API, where it
 * is recorded and audited; the board is for watching the queues.
 */
@Injectable()
export class QueueBoard {
  constructor(private readonly queues: QueueService) {}

  /** Registers the dashboard's routes on the HTTP server, behind `authorize`; call before the server is ready. */
  mount(fastify: FastifyInstance, mount: BoardMount): void {
    const serverAdapter = new BoardServerAdapter();
    serverAdapter.setBasePath(mount.basePath);
    const board = createBullBoard({
      queues: [],
      // @bull-board/fastify 9.10.1 brings its own copy of @bull-board/api's types; the adapter is glue
      // that serves what this (9.10.2) board hands it, so the two agree at run time.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'e-CoO hub queues' } },
    });
    // The board reads BullMQ's Redis structures: it is mounted in server mode only (create-app.ts).
    this.queues.watchQueues((queue) => board.addQueue(new BullMQAdapter(queue as unknown as ConstructorParameters<typeof BullMQAdapter>[0], { readOnlyMode: true })));
    // An encapsulated scope: the hook guards the board's routes and nothing else.
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const access = await mount.authorize(request.headers.authorization);
        if (access === BoardAccess.ALLOWED) return;
        const refusal =
          access === BoardAccess.UNAUTHENTICATED
            ? new RequestError(RequestErrorCode.UNAUTHENTICATED, 'The queue dashboard is for the operator: send Authorization: Bearer <operator token>')
            : new RequestError(RequestErrorCode.FORBIDDEN, 'The queue dashboard is for the operator only');
        sendProblem(reply, toProblem(refusal, request));
        return reply;
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: mount.basePath });
    });
  }
}
