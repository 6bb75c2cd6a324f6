export enum AuthorityRole {
  ISSUER = 'ISSUER',
  CUSTOMS = 'CUSTOMS',
}
