// Verifies one compact JWS with `jose` (a reference JOSE implementation) against a JWKS, as a customer's software would.
// Input on stdin, JSON: {"token": "...", "jwks": {...}, "issuer": "biz_...", "typ": "license+jwt", "now": <unix seconds>?}.
// Prints {"header": ..., "payload": ...} and exits 0, or prints why verification failed and exits 1.
import { createLocalJWKSet, jwtVerify } from "jose";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { token, jwks, issuer, typ, now } = JSON.parse(input);
try {
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
    algorithms: ["EdDSA"],
    issuer,
    typ,
    currentDate: now == null ? undefined : new Date(now * 1000),
  });
  console.log(JSON.stringify({ header: protectedHeader, payload }));
} catch (error) {
  console.log(`refused: ${error.code ?? ""} ${error.message}`);
  process.exit(1);
}
