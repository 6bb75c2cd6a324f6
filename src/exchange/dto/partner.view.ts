import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CircuitState } from '../domain/circuit-breaker';
import { MessageType } from '../domain/message-type';
import { OutboundAuthType } from '../domain/outbound-auth';
import { DeliveryMode } from '../domain/delivery-mode';
import { ReceiptPolicy } from '../receipts/domain/receipt-rules';

export class PartnerRouteView {
  @ApiProperty({ example: 'JP' }) country!: string;
  @ApiProperty({ example: 'JP-CUSTOMS' }) authority!: string;
}

export class OutboundAuthView {
  @ApiProperty({ enum: OutboundAuthType, enumName: 'OutboundAuthType' }) type!: OutboundAuthType;
  @ApiProperty({ description: 'Whether a token is stored (it is never returned)' }) tokenStored!: boolean;
}

export class InboundAuthView {
  @ApiProperty({ description: "The public prefix of the partner's token (the secret was shown once)" }) tokenPrefix!: string;
}

export class NodeCertificateView {
  @ApiProperty({ description: 'PEM' }) pem!: string;
  @ApiProperty({ description: 'SHA-256 of the DER, hex: the keyId of its envelope signatures' }) fingerprintSha256!: string;
  @ApiProperty({ example: 'C=JP, O=NACCS, CN=ecoo-node' }) subject!: string;
  @ApiProperty() notBefore!: string;
  @ApiProperty() notAfter!: string;
}

export class RetryPolicyView {
  @ApiProperty({ example: 10 }) maxAttempts!: number;
  @ApiProperty({ example: 2000 }) baseDelayMs!: number;
  @ApiProperty({ example: 600000 }) maxDelayMs!: number;
  @ApiProperty({ example: 172800000, description: 'A PULL partner: how long a delivery may wait to be pulled and acknowledged' }) maxAgeMs!: number;
}

export class PullFromView {
  @ApiProperty({ example: 'https://ecoo.example.jp' }) url!: string;
  @ApiProperty({ example: 5000 }) everyMs!: number;
  @ApiProperty({ example: 0, description: 'Pulls that failed in a row (the hub backs off)' }) consecutiveFailures!: number;
}

export class CircuitBreakerView {
  @ApiProperty({ example: 5 }) failureThreshold!: number;
  @ApiProperty({ example: 30000 }) cooldownMs!: number;
  @ApiProperty({ enum: CircuitState, enumName: 'CircuitState' }) state!: CircuitState;
  @ApiProperty({ example: 0 }) consecutiveFailures!: number;
  @ApiPropertyOptional({ nullable: true }) openedAt!: string | null;
}

export class DeliverySettingsView {
  @ApiProperty({ example: 64 }) concurrency!: number;
  @ApiProperty({ example: 64 }) connections!: number;
  @ApiProperty({ example: 0, description: '0: no limit' }) maxPerSecond!: number;
}

export class PartnerView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'JP-NACCS' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'https://ecoo.example.jp', nullable: true, type: String, description: 'None for a PULL partner' }) endpointUrl!: string | null;
  @ApiProperty({ enum: DeliveryMode, enumName: 'DeliveryMode' }) deliveryMode!: DeliveryMode;
  @ApiProperty({ type: PullFromView, nullable: true, description: 'Where the hub pulls envelopes from, for a partner that only offers pull' }) pullFrom!: PullFromView | null;
  @ApiProperty({ type: PartnerRouteView, isArray: true }) routes!: PartnerRouteView[];
  @ApiProperty({ example: ['JP'], description: 'The countries served (from routes)' }) countries!: string[];
  @ApiProperty({ example: ['JP-CUSTOMS'], description: 'The authorities reached (from routes)' }) authorities!: string[];
  @ApiProperty({ enum: MessageType, enumName: 'MessageType', isArray: true }) messageTypes!: MessageType[];
  @ApiProperty({ example: ['ubl'], isArray: true, type: String, description: 'Formats the partner reads besides the record: renditions sent beside it' }) renditions!: string[];
  @ApiProperty({ enum: ReceiptPolicy, enumName: 'ReceiptPolicy', description: 'SIGNED: signed receipts both ways, required of the partner' }) receipts!: ReceiptPolicy;
  @ApiProperty({ type: OutboundAuthView }) outboundAuth!: OutboundAuthView;
  @ApiProperty({ type: InboundAuthView }) inboundAuth!: InboundAuthView;
  @ApiProperty({ type: NodeCertificateView }) nodeCertificate!: NodeCertificateView;
  @ApiProperty({ type: RetryPolicyView }) retry!: RetryPolicyView;
  @ApiProperty({ example: 10000 }) timeoutMs!: number;
  @ApiProperty({ type: CircuitBreakerView }) circuitBreaker!: CircuitBreakerView;
  @ApiProperty({ type: DeliverySettingsView }) delivery!: DeliverySettingsView;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ description: 'A deactivated partner neither sends nor receives' }) active!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RegisteredPartnerView extends PartnerView {
  @ApiProperty({ description: 'The bearer token the partner calls this hub with: shown once, never again' }) inboundToken!: string;
}
