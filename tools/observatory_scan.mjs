// The MDN HTTP Observatory's own retriever, tests and grading, run against pages of our choosing.
//
//     node tools/observatory_scan.mjs PACKAGE_DIR HOST HTTPS_PORT HTTP_PORT PATH...
//
// Why not the package's CLI (`mdn-http-observatory-scan HOST`): it takes a bare host name and
// always fetches http://HOST/ and https://HOST/ on ports 80 and 443, the front page only. Its
// retriever takes ports and a path (`Options` in src/types.js: httpPort, httpsPort, path); only
// `scan()` does not pass them on. So this file calls `retrieve()` with them and then grades the
// result exactly as `scan()` in src/scanner/index.js does (version 1.4.8; the lines below follow
// it step for step). The tests, the score table and the grade chart are the package's, unchanged.
//
// PACKAGE_DIR is the installed package (…/node_modules/@mdn/mdn-http-observatory). Prints one
// JSON object: {PATH: {grade, score, statusCode, https, tests: {NAME: {pass, result,
// scoreModifier}}, responseHeaders}}
// or {PATH: {error}} when the page could not be scanned.

import path from "node:path";
import { pathToFileURL } from "node:url";

const [packageDir, host, httpsPort, httpPort, ...paths] = process.argv.slice(2);
if (!packageDir || !host || !httpsPort || !httpPort || paths.length === 0) {
  console.error("usage: node observatory_scan.mjs PACKAGE_DIR HOST HTTPS_PORT HTTP_PORT PATH...");
  process.exit(2);
}

const load = (file) => import(pathToFileURL(path.join(packageDir, "src", file)).href);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS, NUM_TESTS } = await load("constants.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");

async function scanPage(page) {
  const r = await retrieve(host, { httpsPort, httpPort, path: page });
  if (!r.responses.auto) {
    return { error: "The site seems to be down." };
  }
  const { status } = r.responses.auto;
  if (status < 200 || (status >= 400 && ![401, 403].includes(status))) {
    return { error: `Site did respond with an unexpected HTTP status code ${status}.` };
  }
  const results = ALL_TESTS.map((test) => test(r));
  let testsPassed = 0;
  let scoreWithExtraCredit = 100;
  let uncurvedScore = scoreWithExtraCredit;
  const tests = {};
  for (const result of results) {
    if (result.result) {
      result.scoreModifier = getScoreModifier(result.result);
      testsPassed += result.pass ? 1 : 0;
      scoreWithExtraCredit += result.scoreModifier;
      if (result.scoreModifier < 0) {
        uncurvedScore += result.scoreModifier;
      }
    }
    tests[result.constructor.name] = {
      pass: Boolean(result.pass),
      result: result.result,
      scoreModifier: result.scoreModifier ?? 0,
    };
  }
  // Only record the full score if the uncurved score already receives an A
  const score =
    uncurvedScore >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? scoreWithExtraCredit : uncurvedScore;
  const final = getGradeForScore(score);
  return {
    grade: final.grade,
    score: final.score,
    statusCode: status,
    https: r.responses.auto === r.responses.https,
    testsPassed,
    testsQuantity: NUM_TESTS,
    tests,
    responseHeaders: { ...r.responses.auto.headers },
  };
}

const out = {};
for (const page of paths) {
  try {
    out[page] = await scanPage(page);
  } catch (e) {
    out[page] = { error: e instanceof Error ? e.message : String(e) };
  }
}
console.log(JSON.stringify(out, null, 2));
