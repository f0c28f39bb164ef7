/**
 * Offline verification of the tokens the service signs (issue 15): license tokens (`licenses.checkout`) and signed
 * validation answers (`licenses.validate` with a `nonce`). Both are JWS in compact serialization (RFC 7515) signed
 * with the business's Ed25519 key (`alg: EdDSA`, RFC 8037), verified here with `jose` against the business's JWKS
 * (`businesses.jwks`, or a copy embedded in your app).
 *
 * `jose` because it is the maintained, dependency-free JOSE implementation for every JavaScript runtime (Node.js,
 * browsers, Deno, Bun, Workers) and verifies EdDSA through WebCrypto's Ed25519.
 */
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { LicenseTokenError, type LicenseTokenErrorReason } from './token-errors.js';
import type { JsonWebKeySet, LicenseTokenClaims, ValidationTokenClaims } from './types.js';

/** The header `typ` of a license token. */
export const LICENSE_TOKEN_TYPE = 'license+jwt';
/** The header `typ` of a signed validation answer. */
export const VALIDATION_TOKEN_TYPE = 'license-validation+jwt';

/** Options of `verifyLicenseToken`. */
export interface LicenseTokenVerifyOptions {
  /** Your business id, `biz_...`: the token's `iss` must be exactly this. */
  businessId: string;
  /** The time to check `nbf` and `exp` against (a `Date` or milliseconds since the epoch); default now. */
  now?: Date | number | undefined;
  /** Seconds this clock may be off, either way, for `nbf` and `exp`; default 0. */
  clockTolerance?: number | undefined;
}

/** Options of `verifyValidationToken`. */
export interface ValidationTokenVerifyOptions extends LicenseTokenVerifyOptions {
  /** The nonce you sent to `licenses.validate`: the token's `nonce` must be exactly this. */
  nonce: string;
}

/**
 * Verifies a license token against the business's JWKS and returns its claims. Accepted when `alg` is exactly `EdDSA`,
 * `kid` names an Ed25519 key (`kty: OKP`, `crv: Ed25519`) of the JWKS, the signature verifies under that key, `typ` is
 * `license+jwt`, `iss` is `businessId`, and `nbf` <= now < `exp`.
 *
 * @param token the token as checked out
 * @param jwks the JWKS as `businesses.jwks` answered it, or its JSON text
 * @throws LicenseTokenError with a `reason` when the token is not to be trusted
 * @throws TypeError when `jwks` is not a JWKS or `businessId` is empty (configuration errors, not bad tokens)
 */
export async function verifyLicenseToken(
  token: string,
  jwks: JsonWebKeySet | string,
  options: LicenseTokenVerifyOptions,
): Promise<LicenseTokenClaims> {
  const payload = await verify(token, jwks, LICENSE_TOKEN_TYPE, options, ['iss', 'sub', 'jti', 'iat', 'nbf', 'exp', 'license']);
  const license = payload['license'] as Record<string, unknown> | null;
  const instance = payload['instance'];
  if (
    typeof payload.sub !== 'string' || typeof payload.jti !== 'string' ||
    typeof license !== 'object' || license === null || license['id'] !== payload.sub || typeof license['status'] !== 'string' ||
    (instance !== undefined && (typeof instance !== 'object' || instance === null || typeof (instance as { id?: unknown }).id !== 'string'))
  ) {
    throw new LicenseTokenError('malformed', 'The token is signed but is not a license token: it needs sub, jti and a license claim whose id is sub.');
  }
  return payload as unknown as LicenseTokenClaims;
}

/**
 * Verifies a signed validation answer (`Validation.token`, present when `licenses.validate` was called with a
 * `nonce`): the checks of `verifyLicenseToken` with `typ` `license-validation+jwt`, then that `nonce` is exactly the
 * one you sent (`nonce_mismatch`). A verified answer may still say `valid: false`.
 *
 * @throws LicenseTokenError with a `reason` when the answer is not to be trusted
 * @throws TypeError when `jwks` is not a JWKS, or `businessId` or `nonce` is empty
 */
export async function verifyValidationToken(
  token: string,
  jwks: JsonWebKeySet | string,
  options: ValidationTokenVerifyOptions,
): Promise<ValidationTokenClaims> {
  if (typeof options.nonce !== 'string' || options.nonce === '') throw new TypeError('Pass the nonce you sent to licenses.validate.');
  const payload = await verify(token, jwks, VALIDATION_TOKEN_TYPE, options, ['iss', 'iat', 'exp', 'valid', 'code', 'nonce']);
  if (typeof payload['valid'] !== 'boolean' || typeof payload['code'] !== 'string' || typeof payload['nonce'] !== 'string') {
    throw new LicenseTokenError('malformed', 'The token is signed but is not a validation answer: it needs valid, code and nonce.');
  }
  if (payload['nonce'] !== options.nonce) {
    throw new LicenseTokenError('nonce_mismatch', 'The answer is for another request: its nonce is not the one sent.');
  }
  return payload as unknown as ValidationTokenClaims;
}

async function verify(
  token: string,
  jwks: JsonWebKeySet | string,
  typ: string,
  options: LicenseTokenVerifyOptions,
  requiredClaims: string[],
): Promise<JWTPayload> {
  if (typeof options?.businessId !== 'string' || options.businessId.trim() === '') {
    throw new TypeError('Pass your business id (biz_...) as businessId.');
  }
  const keys = ed25519Keys(jwks);

  // The header first, by hand, so each refusal has its precise reason, the same as the .NET client's.
  if (typeof token !== 'string' || token.split('.').length !== 3) {
    throw new LicenseTokenError('malformed', 'The token is not a JWS in compact serialization (header.payload.signature).');
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (cause) {
    throw new LicenseTokenError('malformed', "The token's header is not base64url-encoded JSON.", { cause });
  }
  if (header.alg !== 'EdDSA') {
    throw new LicenseTokenError('bad_signature', `The token's alg is '${String(header.alg)}'; only EdDSA (Ed25519) is accepted.`);
  }
  if (typeof header.kid !== 'string' || header.kid === '') throw new LicenseTokenError('malformed', "The token's header has no kid.");
  if (!keys.some((key) => key.kid === header.kid)) {
    throw new LicenseTokenError('unknown_key', `No Ed25519 key with kid '${header.kid}' in the JWKS: another business's token, or a key newer than this copy of the JWKS.`);
  }

  const verifyOptions: JWTVerifyOptions = {
    algorithms: ['EdDSA'],
    typ,
    issuer: options.businessId,
    requiredClaims,
    clockTolerance: options.clockTolerance ?? 0,
  };
  if (options.now !== undefined) verifyOptions.currentDate = options.now instanceof Date ? options.now : new Date(options.now);
  try {
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet({ keys }), verifyOptions);
    // jose compares typ as a media type (case-insensitive, "application/" optional); the contract's typ is exact, as
    // the .NET client checks it.
    if (protectedHeader.typ !== typ) throw new LicenseTokenError('wrong_type', `The token's typ is '${String(protectedHeader.typ)}', not '${typ}'.`);
    return payload;
  } catch (error) {
    if (!(error instanceof errors.JOSEError)) throw error;
    throw new LicenseTokenError(reasonOf(error), messageOf(error), { cause: error });
  }
}

/** The JWKS's Ed25519 keys with a kid; any other key (RSA, EC, X25519, Ed448, no kid) is ignored, never tried. */
function ed25519Keys(jwks: JsonWebKeySet | string): Array<JsonWebKeySet['keys'][number]> {
  let set: unknown = jwks;
  if (typeof jwks === 'string') {
    try {
      set = JSON.parse(jwks);
    } catch (cause) {
      throw new TypeError('The JWKS is not JSON: pass the business\'s jwks.json as it was served.', { cause });
    }
  }
  const keys = (set as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new TypeError('The JWKS is not a JSON Web Key Set ({"keys":[...]}).');
  return keys.filter(
    (key): key is JsonWebKeySet['keys'][number] =>
      typeof key === 'object' && key !== null &&
      key.kty === 'OKP' && key.crv === 'Ed25519' && typeof key.x === 'string' &&
      typeof key.kid === 'string' && key.kid !== '' &&
      (key.use === undefined || key.use === 'sig') && (key.alg === undefined || key.alg === 'EdDSA'),
  );
}

/** jose's error codes (stable, documented) mapped to the reasons; anything else is a token not in the expected shape. */
function reasonOf(error: errors.JOSEError): LicenseTokenErrorReason {
  switch (error.code) {
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'unknown_key';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS': // several keys under one kid and none verified
      return 'bad_signature';
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as errors.JWTClaimValidationFailed;
      if (claim === 'typ') return 'wrong_type';
      if (claim === 'iss') return 'wrong_issuer'; // absent or another business's
      if (claim === 'nbf' && reason === 'check_failed') return 'not_yet_valid';
      return 'malformed'; // a required claim missing, a NumericDate that is not a number
    }
    default:
      return 'malformed'; // ERR_JWS_INVALID, ERR_JWT_INVALID, ...
  }
}

function messageOf(error: errors.JOSEError): string {
  switch (reasonOf(error)) {
    case 'unknown_key':
      return "No key of the JWKS matches the token's kid.";
    case 'bad_signature':
      return "The token's Ed25519 signature does not verify: it was edited or forged.";
    case 'expired':
      return 'The token has expired.';
    case 'wrong_type':
      return "The token's typ is not the one asked for (a license token is license+jwt, a validation answer license-validation+jwt).";
    case 'wrong_issuer':
      return "The token's iss is not this business.";
    case 'not_yet_valid':
      return 'The token is not valid yet (this clock may be behind).';
    default:
      return `The token is not in the expected shape: ${error.message}`;
  }
}
