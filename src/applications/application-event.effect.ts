import { effectKind } from '../core/unit-of-work/effects';
import type { ApplicationEventType, ApplicationStatus } from './domain/application-status';

/** One entry of an application's history (application_events). */
export interface ApplicationEvent {
  applicationId: string;
  type: ApplicationEventType;
  from: ApplicationStatus | null;
  to: ApplicationStatus | null;
  actor: string;
  officerId: string | null;
  at: Date;
  data?: Record<string, unknown>;
}

/** An application event of a state change, written with it (after its application row). */
export const APPLICATION_EVENT = effectKind<ApplicationEvent>('application-event', 110);
