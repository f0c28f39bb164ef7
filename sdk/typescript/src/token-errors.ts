import { SolifynError } from './errors.js';
// Kept apart from errors.ts, whose words in capitals are all problem codes of the OpenAPI document (a test checks
// that): these reasons are the SDK's own, not the service's.

/**
 * Why `verifyLicenseToken` or `verifyValidationToken` refused a token:
 * - `malformed`: not a JWS in compact serialization, no `kid` in its header, or (signed) claims not in the token's shape;
 * - `unknown_key`: the `kid` names no Ed25519 key of the JWKS given (another business, or a key newer than your copy);
 * - `bad_signature`: the Ed25519 signature does not verify (the token was edited or forged), or `alg` is not `EdDSA`;
 * - `wrong_type`: a validation token (`license-validation+jwt`) passed as a license token (`license+jwt`) or vice versa;
 * - `wrong_issuer`: `iss` is not the business id you verify for;
 * - `not_yet_valid`: `nbf` is later than now (this clock is behind);
 * - `expired`: now is at or after `exp`;
 * - `nonce_mismatch`: a validation answer for another request (only `verifyValidationToken`).
 */
export type LicenseTokenErrorReason =
  | 'malformed'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_type'
  | 'wrong_issuer'
  | 'not_yet_valid'
  | 'expired'
  | 'nonce_mismatch';

/** A license or validation token that was refused: trust nothing in it. Switch on `reason`, not on the message. */
export class LicenseTokenError extends SolifynError {
  readonly reason: LicenseTokenErrorReason;

  constructor(reason: LicenseTokenErrorReason, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.reason = reason;
  }
}
