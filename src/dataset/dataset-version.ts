// The version of the common e-CoO dataset (DESIGN.md section 4) this code validates; a certificate
// records it next to the profile and HS versions it was checked against.
export const DATASET_VERSION = '1';
