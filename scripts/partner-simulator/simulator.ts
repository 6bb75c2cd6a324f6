import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { canonicalize } from 'json-canonicalize';
import { EnvelopeVerifier } from '../../src/exchange/signing/envelope-verifier';

/**
 * A partner hub on a real local port, for tests and by hand (scripts/partner-simulator.ts). It
 * receives envelopes on POST /v1/exchange/envelopes as DESIGN.md section 6 says a receiver does
 * (stores each envelopeId once, answers a repeat with the first acknowledgement, a repeat with other
 * content with 409, an envelope older than its replay window that it does not hold with 422
 * ENVELOPE_OUTSIDE_REPLAY_WINDOW), and misbehaves on command: 5xx, 429 with Retry-After, a stall
 * past the sender's timeout, a dropped connection, a slow answer, an envelope stored but its answer
 * lost. It records every request it got.
 */
export type Behaviour =
  | { kind: 'accept'; status?: 'DELIVERED' | 'DELIVERED_WITH_WARNINGS' | 'DELIVERED_NOT_READABLE'; warnings?: { ruleId?: string; path?: string; message: string }[] }
  | { kind: 'fail'; status: number; retryAfter?: string; body?: unknown }
  | { kind: 'stall' }
  | { kind: 'drop' }
  /** Received and stored as `accept` would, then the connection is cut before the answer. */
  | { kind: 'lose' }
  | { kind: 'slow'; delayMs: number; then?: Behaviour };

export const accept = (status?: 'DELIVERED' | 'DELIVERED_WITH_WARNINGS' | 'DELIVERED_NOT_READABLE', warnings?: { message: string }[]): Behaviour => ({ kind: 'accept', status, warnings });
export const fail = (status: number, retryAfter?: string, body?: unknown): Behaviour => ({ kind: 'fail', status, retryAfter, body });
export const stall = (): Behaviour => ({ kind: 'stall' });
export const drop = (): Behaviour => ({ kind: 'drop' });
export const lose = (): Behaviour => ({ kind: 'lose' });
export const slow = (delayMs: number, then?: Behaviour): Behaviour => ({ kind: 'slow', delayMs, then });

export interface ReceivedRequest {
  at: number;
  path: string;
  authorization?: string;
  envelopeId?: string;
  envelope: unknown;
  /** Whether the node signature checked out against the configured certificate (undefined: not checked). */
  signatureValid?: boolean;
  behaviour: Behaviour['kind'];
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Answer 401 to a request without `Authorization: Bearer <token>`. */
  expectToken?: string;
  /** Check node signatures against this certificate (PEM) and answer 422 to a bad one. */
  senderCertificatePem?: string;
  /** Refuse an envelope it does not hold whose createdAt is older than this (ms). */
  replayWindowMs?: number;
}

const ENVELOPES = '/v1/exchange/envelopes';
const MAX_BODY = 5 * 1024 * 1024;

export class PartnerSimulator {
  readonly received: ReceivedRequest[] = [];
  /** What was stored, once per envelopeId, with the acknowledgement first given. */
  readonly stored = new Map<string, { canonical: string; acknowledgement: Record<string, unknown> }>();
  /** Envelopes received again and answered from the record: the same content (`same`) or other content, 409 (`conflicting`). */
  readonly repeats = { same: 0, conflicting: 0 };
  private readonly script: Behaviour[] = [];
  // What requests get once the script is used up, in turn.
  private fallback: Behaviour[] = [accept()];
  private turn = 0;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly verifier = new EnvelopeVerifier();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly options: SimulatorOptions,
  ) {}

  static async start(options: SimulatorOptions = {}): Promise<PartnerSimulator> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    const simulator = new PartnerSimulator(server, `http://${options.host ?? '127.0.0.1'}:${address.port}`, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      simulator.handle(req, res).catch(() => res.destroy());
    });
    server.on('connection', (socket: Socket) => {
      simulator.sockets.add(socket);
      socket.on('close', () => simulator.sockets.delete(socket));
    });
    return simulator;
  }

  /** Behaviours for the next requests, one each, in order; then the default again. */
  next(...behaviours: Behaviour[]): this {
    this.script.push(...behaviours);
    return this;
  }

  /** What every request gets once the scripted ones are used up. */
  always(behaviour: Behaviour): this {
    this.fallback = [behaviour];
    return this;
  }

  /** Once the scripted behaviours are used up, requests get these in turn, over and over. */
  cycle(...behaviours: Behaviour[]): this {
    this.fallback = behaviours.length > 0 ? behaviours : [accept()];
    this.turn = 0;
    return this;
  }

  reset(): void {
    this.script.length = 0;
    this.fallback = [accept()];
    this.received.length = 0;
    this.stored.clear();
    this.repeats.same = 0;
    this.repeats.conflicting = 0;
  }

  requestsFor(envelopeId: string): ReceivedRequest[] {
    return this.received.filter((r) => r.envelopeId === envelopeId);
  }

  /** Waits until `check` holds, polling; fails after the deadline with what it was waiting for. */
  async waitFor(what: string, check: () => boolean, timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`partner simulator: still waiting for ${what} after ${timeoutMs} ms (${this.received.length} requests received)`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url?.startsWith('/_control/')) return this.control(req, res);
    if (req.method !== 'POST' || req.url !== ENVELOPES) return this.answer(res, 404, { code: 'NOT_FOUND' });
    const text = await this.body(req);
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = text;
    }
    const envelopeId = typeof envelope === 'object' && envelope !== null ? String((envelope as { envelopeId?: unknown }).envelopeId) : undefined;
    const behaviour = this.script.shift() ?? this.fallback[this.turn++ % this.fallback.length];
    const record: ReceivedRequest = { at: Date.now(), path: req.url, authorization: req.headers.authorization, envelopeId, envelope, behaviour: behaviour.kind };
    if (this.options.senderCertificatePem) record.signatureValid = this.verifier.verify(envelope, this.options.senderCertificatePem).valid;
    this.received.push(record);
    this.behave(behaviour, res, envelope, record);
  }

  private behave(behaviour: Behaviour, res: ServerResponse, envelope: unknown, record: ReceivedRequest): void {
    switch (behaviour.kind) {
      case 'stall':
        return; // never answers; close() ends the socket
      case 'drop':
        res.socket?.destroy();
        return;
      case 'slow': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.behave(behaviour.then ?? accept(), res, envelope, record);
        }, behaviour.delayMs);
        this.timers.add(timer);
        return;
      }
      case 'fail': {
        const headers: Record<string, string> = behaviour.retryAfter !== undefined ? { 'retry-after': behaviour.retryAfter } : {};
        return this.answer(res, behaviour.status, behaviour.body ?? { code: `SIMULATED_${behaviour.status}` }, headers);
      }
      case 'accept':
        return this.receive(res, envelope, record, behaviour);
      case 'lose':
        this.receive(undefined, envelope, record, { kind: 'accept' });
        res.socket?.destroy();
        return;
    }
  }

  // A receiver's rules (DESIGN.md section 6), as far as a simulator needs them, in a hub's order:
  // authentication, shape, node signature, a repeat (whatever its age), the replay window.
  private receive(res: ServerResponse | undefined, envelope: unknown, record: ReceivedRequest, behaviour: Extract<Behaviour, { kind: 'accept' }>): void {
    if (this.options.expectToken && record.authorization !== `Bearer ${this.options.expectToken}`) return this.answer(res, 401, { code: 'UNAUTHENTICATED' });
    if (!record.envelopeId || typeof envelope !== 'object' || envelope === null) return this.answer(res, 400, { code: 'NOT_AN_ENVELOPE' });
    if (record.signatureValid === false) return this.answer(res, 422, { code: 'ENVELOPE_SIGNATURE_INVALID' });
    // The content is everything but the signature: the same envelope signed again is the same envelope.
    const { signature: _signature, ...content } = envelope as Record<string, unknown>;
    const canonical = canonicalize(content);
    const first = this.stored.get(record.envelopeId);
    if (first && first.canonical === canonical) {
      this.repeats.same += 1;
      return this.answer(res, 200, first.acknowledgement);
    }
    if (first) {
      this.repeats.conflicting += 1;
      return this.answer(res, 409, { code: 'ENVELOPE_ID_REUSED' });
    }
    const createdAt = Date.parse(String(content.createdAt));
    if (this.options.replayWindowMs !== undefined && !(Date.now() - createdAt <= this.options.replayWindowMs)) {
      return this.answer(res, 422, { code: 'ENVELOPE_OUTSIDE_REPLAY_WINDOW' });
    }
    const acknowledgement = { status: behaviour.status ?? 'DELIVERED', envelopeId: record.envelopeId, receivedAt: new Date().toISOString(), warnings: behaviour.warnings ?? [] };
    this.stored.set(record.envelopeId, { canonical, acknowledgement });
    this.answer(res, 200, acknowledgement);
  }

  private async control(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = req.method === 'GET' ? undefined : (JSON.parse((await this.body(req)) || 'null') as unknown);
    switch (`${req.method} ${req.url}`) {
      case 'POST /_control/next':
        this.next(...(body as Behaviour[]));
        return this.answer(res, 200, { queued: this.script.length });
      case 'PUT /_control/default':
        this.always(body as Behaviour);
        return this.answer(res, 200, { default: this.fallback[0] });
      case 'GET /_control/received':
        return this.answer(res, 200, { received: this.received.map(({ envelope: _e, ...r }) => r), stored: this.stored.size });
      case 'POST /_control/reset':
        this.reset();
        return this.answer(res, 200, { reset: true });
      default:
        return this.answer(res, 404, { code: 'NOT_FOUND' });
    }
  }

  private body(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) req.destroy(new Error('body too large'));
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  private answer(res: ServerResponse | undefined, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (!res || res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}
