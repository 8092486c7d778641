/* Learning Locker's xAPI statements service (npm xapi-statements) for the tests, on 127.0.0.1 only.
   Its own server.js listens on every interface (app.listen(port)) and has no host setting, so this
   file mounts the same routers on an express app bound to loopback, on a free port. Statements stay in
   memory (MODELS_REPO=memory), so the LRS can stop listening and come back without losing them:
   "stop" and "start" on stdin close and reopen the port; "ready <port>" / "stopped" answer. */
"use strict";
const path = require("path");
const express = require("express");

const lib = (name) => require(path.join("xapi-statements", "dist", name)).default;
const presenter = lib("expressPresenter")({
  llClientInfoEndpoint: "",
  customRoute: "status",
  customRouteText: "ok",
  morganDirectory: process.env.EXPRESS_MORGAN_DIRECTORY,
  bodyParserLimit: "5mb",
  service: lib("serviceFactory")(),
  tracker: lib("tracker"),
  translator: lib("translatorFactory")(),
  logger: lib("logger"),
});
const app = express();
app.use("/xAPI/about", presenter.aboutRouter);
app.use("/xAPI/activities", presenter.fullActivitiesRouter);
app.use("/xAPI/statements", presenter.statementsRouter);

let port = Number(process.env.LRS_PORT || 0);
let server = null;
const sockets = new Set();

function start() {
  server = app.listen(port, "127.0.0.1", () => {
    port = server.address().port;
    process.stdout.write(`ready ${port}\n`);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
}

function stop() {
  if (!server) return;
  server.close(() => process.stdout.write("stopped\n"));
  for (const socket of sockets) socket.destroy();
  server = null;
}

let buffer = "";
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf("\n")) >= 0) {
    const command = buffer.slice(0, newline).trim();
    buffer = buffer.slice(newline + 1);
    if (command === "stop") stop();
    else if (command === "start" && !server) start();
  }
});
process.stdin.on("end", () => process.exit(0));
start();
