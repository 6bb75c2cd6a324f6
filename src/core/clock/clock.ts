import { Injectable } from '@nestjs/common';

/** Time as a dependency, so services and rules can be tested at a fixed instant. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
