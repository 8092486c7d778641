// Package folders with simple-scorm-packager, one after the other, as its own README shows.
// Usage: node zipper.js <simple-scorm-packager folder> <output folder> <version>=<source folder>...
"use strict";
const path = require("path");

const [packager, out, ...jobs] = process.argv.slice(2);
const scopackager = require(path.resolve(packager));

function next(index) {
  if (index === jobs.length) return;
  const [version, source] = jobs[index].split("=");
  const options = {
    version,
    organization: "scorm-builder benchmark",
    title: `bench ${index}`,
    language: "nb",
    identifier: `bench-${index}`,
    startingPage: "index.html",
    source: path.resolve(source),
    package: { version: "1.0.0", zip: true, outputFolder: path.resolve(out), date: "2000-01-01" },
  };
  scopackager(options, () => next(index + 1));
}

next(0);
