// Runs the site's search (search.js) in node for search_test.go: reads
// {"script", "index", "queries", "folds", "entries"} from the file named by
// the first argument and prints {"results": [[url, …] per query],
// "folds": [folded string, …]} as JSON.
"use strict";
const fs = require("fs");
const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const api = require(job.script);
let index = job.entries || [];
if (job.index) {
  global.window = global;
  require(job.index);
  index = global.ROLEPACK_INDEX;
}
const prepared = api.prepare(index);
const out = {
  results: (job.queries || []).map((q) => api.search(prepared, q, 10).map((e) => e.u)),
  folds: (job.folds || []).map((s) => api.fold(s, false)),
};
process.stdout.write(JSON.stringify(out));
