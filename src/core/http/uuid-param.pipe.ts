import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestError, RequestErrorCode } from '../errors/request-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot name a resource is answered like any unknown id: 404, nothing revealed. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new RequestError(RequestErrorCode.NOT_FOUND, 'No such resource');
    return value.toLowerCase();
  }
}
