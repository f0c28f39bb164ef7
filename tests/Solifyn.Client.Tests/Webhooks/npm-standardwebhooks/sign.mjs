// Reads {"secret","id","timestamp","body"} (timestamp in Unix seconds) as JSON on stdin and prints the
// webhook-signature header value that the npm standardwebhooks package makes for them. Used by
// NpmStandardWebhooksTests: what this signs, SolifynWebhook.Unwrap must accept.
import { Webhook } from 'standardwebhooks';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { secret, id, timestamp, body } = JSON.parse(input);
process.stdout.write(new Webhook(secret).sign(id, new Date(timestamp * 1000), body));
