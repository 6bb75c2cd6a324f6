import { createSocket, RemoteInfo, Socket } from 'node:dgram';

/**
 * A DNS server on a local UDP port that the test scripts (RFC 1035 messages, A records only), for a
 * hub pointed at it with HUB_DNS_SERVERS: each name answers its addresses in turn, the last one
 * again and again, with a TTL of 0 so nothing is cached between two connections. AAAA questions get
 * an empty answer; unknown names NXDOMAIN. It records every question it got.
 */
export class TestDnsServer {
  readonly questions: { name: string; type: number }[] = [];
  private readonly turns = new Map<string, number>();

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly answers: Record<string, string[]>,
  ) {}

  static async start(answers: Record<string, string[]>): Promise<TestDnsServer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const server = new TestDnsServer(socket, socket.address().port, answers);
    socket.on('message', (message, remote) => server.answer(message, remote));
    return server;
  }

  /** For HUB_DNS_SERVERS. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  asked(name: string, type = 1): number {
    return this.questions.filter((q) => q.name === name && q.type === type).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private answer(message: Buffer, remote: RemoteInfo): void {
    if (message.length < 12) return;
    const labels: string[] = [];
    let offset = 12;
    while (offset < message.length && message[offset] !== 0) {
      const length = message[offset];
      labels.push(message.subarray(offset + 1, offset + 1 + length).toString('ascii'));
      offset += 1 + length;
    }
    const questionEnd = offset + 5;
    if (questionEnd > message.length) return;
    const name = labels.join('.').toLowerCase();
    const type = message.readUInt16BE(offset + 1);
    this.questions.push({ name, type });
    const scripted = this.answers[name];
    let addresses: string[] = [];
    if (scripted && type === 1) {
      const turn = this.turns.get(name) ?? 0;
      this.turns.set(name, turn + 1);
      addresses = [scripted[Math.min(turn, scripted.length - 1)]];
    }
    const header = Buffer.alloc(12);
    message.copy(header, 0, 0, 2);
    // QR, RD, RA; NXDOMAIN (3) for names it does not know.
    header.writeUInt16BE(0x8180 | (scripted ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses.length, 6);
    const records = addresses.map((address) => {
      const record = Buffer.alloc(16);
      record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      record.writeUInt16BE(1, 2); // A
      record.writeUInt16BE(1, 4); // IN
      record.writeUInt32BE(0, 6); // TTL 0
      record.writeUInt16BE(4, 10);
      address.split('.').forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
      return record;
    });
    this.socket.send(Buffer.concat([header, message.subarray(12, questionEnd), ...records]), remote.port, remote.address);
  }
}
