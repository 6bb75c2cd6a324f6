/** Where an application stands (the transition table is application-lifecycle.ts). */
export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** What the exporter or an officer does to an application. */
export enum ApplicationAction {
  /** The exporter replaces the certificate data (or its supporting documents) of a draft or a returned application. */
  EDIT = 'EDIT',
  SUBMIT = 'SUBMIT',
  /** An officer takes the application for review (or over from another officer). */
  CLAIM = 'CLAIM',
  /** The officer holding the claim corrects the data under review. */
  AMEND = 'AMEND',
  COMMENT = 'COMMENT',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  WITHDRAW = 'WITHDRAW',
}

/** One entry of an application's history. */
export enum ApplicationEventType {
  CREATED = 'CREATED',
  EDITED = 'EDITED',
  DOCUMENT_ADDED = 'DOCUMENT_ADDED',
  DECLARATION_SIGNED = 'DECLARATION_SIGNED',
  SUBMITTED = 'SUBMITTED',
  CLAIMED = 'CLAIMED',
  AMENDED = 'AMENDED',
  COMMENTED = 'COMMENTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** The kinds of supporting documents an exporter uploads. */
export enum SupportingDocumentKind {
  INVOICE = 'INVOICE',
  PACKING_LIST = 'PACKING_LIST',
  COST_STATEMENT = 'COST_STATEMENT',
  BILL_OF_MATERIALS = 'BILL_OF_MATERIALS',
  OTHER = 'OTHER',
}

/** Coded reasons an officer gives for a rejection. */
export enum RejectionReason {
  ORIGIN_NOT_ESTABLISHED = 'ORIGIN_NOT_ESTABLISHED',
  INSUFFICIENT_EVIDENCE = 'INSUFFICIENT_EVIDENCE',
  DATA_INCONSISTENT = 'DATA_INCONSISTENT',
  EXPORTER_NOT_ELIGIBLE = 'EXPORTER_NOT_ELIGIBLE',
  AGREEMENT_NOT_APPLICABLE = 'AGREEMENT_NOT_APPLICABLE',
  OTHER = 'OTHER',
}

/** How the authority counts the days of its service level. */
export enum DayCounting {
  CALENDAR = 'CALENDAR',
  WEEKDAYS = 'WEEKDAYS',
}

/** How the declaration of a certificate was made (every certificate states one; see certificates' IssuedThrough). */
export enum DeclarationMadeBy {
  /** The exporter signed the canonical declaration with its own key. */
  EXPORTER_SIGNATURE = 'EXPORTER_SIGNATURE',
  /** The exporter made it through its authenticated API key, without a signature. */
  EXPORTER_API_KEY = 'EXPORTER_API_KEY',
}
