/** Said instead of naming the producer, when the exporter keeps the producer confidential. */
export enum ProducerDisclosure {
  AVAILABLE_ON_REQUEST = 'AVAILABLE_ON_REQUEST',
}
