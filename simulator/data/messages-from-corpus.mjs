// Regenerates messages.json: the error messages Logto answered with in the
// recorded real-server traffic (the contract corpus), per language and code.
// Where Logto had filled a value into the message, the value is turned back
// into the `{{placeholder}}` the simulator fills (see PLACEHOLDERS).
// Codes the recordings never show keep English texts of our own in
// messages.own.json, which src/i18n.rs reads next to this file's output.
//
// Usage, from the workspace root:
//   node simulator/data/messages-from-corpus.mjs [../shared/logto-contract] \
//     > simulator/data/messages.json
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const corpus = process.argv[2] ?? "../shared/logto-contract";

/**
 * The codes whose recorded messages carry a filled-in value: for each
 * placeholder (named as the simulator's `with_param` names it), where the
 * value sits in the message.
 */
const PLACEHOLDERS = {
  "connector.not_found": [["type", /(?<=for type: ).+(?=\.$)/]],
  "entity.not_exists_with_id": [
    ["name", /(?<=^The )\S+(?= with ID)/],
    ["id", /(?<=`)[^`]*(?=`)/],
  ],
  "guard.invalid_input": [["type", /(?<=^The request )\w+(?= is invalid\.$)/]],
  "one_time_token.token_not_found": [["token", /(?<=^Token ).+(?= not found\.$)/]],
  "session.email_blocklist.email_not_allowed": [["email", /(?<=^The email address ").*(?=" is restricted)/]],
  "session.invalid_connector_id": [["connectorId", /(?<=with id ).+(?=\.$)/]],
  "session.verification_blocked_too_many_attempts": [["relativeTime", /(?<=Please try again ).+(?=\.$)/]],
  "user.user_not_exist": [["identifier", /(?<=^User with ).+(?= does not exist\.$)/]],
};

/** The template behind one recorded message; `recorded` if Logto sent it unfilled. */
function template(code, language, message) {
  if (message.includes("{{")) return { text: message, recorded: true };
  let text = message;
  for (const [name, value] of PLACEHOLDERS[code] ?? []) {
    if (!value.test(text)) {
      throw new Error(`${code} (${language}): no {{${name}}} value in ${JSON.stringify(message)}`);
    }
    text = text.replace(value, `{{${name}}}`);
  }
  return { text, recorded: false };
}

/** `{{ name }}` and `{{name}}` are the same placeholder. */
const normal = (text) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, "{{$1}}");

const found = {}; // language → code → templates
for (const file of readdirSync(corpus).filter((name) => name.endsWith(".json")).sort()) {
  const { exchanges = [] } = JSON.parse(readFileSync(join(corpus, file), "utf8"));
  for (const { request, response } of exchanges) {
    const { code, message } = response?.body ?? {};
    if (typeof code !== "string" || typeof message !== "string") continue;
    const language = request?.headers?.["Accept-Language"] ?? "en";
    if (/[,;*]/.test(language)) throw new Error(`${file}: negotiated language unknown for ${language}`);
    ((found[language] ??= {})[code] ??= []).push(template(code, language, message));
  }
}

const out = {};
for (const language of Object.keys(found).sort()) {
  out[language] = {};
  for (const code of Object.keys(found[language]).sort()) {
    const templates = found[language][code];
    const distinct = new Set(templates.map(({ text }) => normal(text)));
    if (distinct.size > 1) {
      throw new Error(`${code} (${language}): recordings disagree: ${[...distinct].join(" | ")}`);
    }
    // Logto's own spelling of the placeholder when it sent one unfilled.
    out[language][code] = (templates.find(({ recorded }) => recorded) ?? templates[0]).text;
  }
}

const own = JSON.parse(readFileSync(new URL("messages.own.json", import.meta.url), "utf8"));
for (const code of Object.keys(own).filter((code) => code in (out.en ?? {}))) {
  process.stderr.write(`note: ${code} is recorded now; drop it from messages.own.json\n`);
}
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
