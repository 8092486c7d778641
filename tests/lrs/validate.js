/* Learning Locker's statement validator (npm xapi-validation) over a JSON array of statements on stdin;
   prints one list of problems per statement ("path: warning"), empty when the statement is valid. */
"use strict";
const validate = require("xapi-validation").default;

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const problems = JSON.parse(input).map((statement) =>
    validate(statement).map((w) => `${(w.path || []).join(".")}: ${w.name}`));
  process.stdout.write(JSON.stringify(problems));
});
