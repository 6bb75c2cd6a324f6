export enum QueueName {
  MAINTENANCE = 'maintenance',
}
