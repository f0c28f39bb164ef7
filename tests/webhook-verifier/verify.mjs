// Verifies one webhook delivery with the reference implementation of the Standard Webhooks specification (npm
// `standardwebhooks`). Input on stdin, JSON: {"secret": "whsec_...", "body": "<the exact body>", "headers": {...}}.
// Prints the verified event's id and exits 0, or prints why verification failed and exits 1.
import { Webhook } from "standardwebhooks";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { secret, body, headers } = JSON.parse(input);
try {
  const event = new Webhook(secret).verify(body, headers);
  console.log(`verified ${event.id}`);
} catch (error) {
  console.log(`refused: ${error.message}`);
  process.exit(1);
}
