// Node.js (libuv: epoll, eventfd, threads, socketpair, child processes): files, timers and
// promises, crypto, zlib, child_process, a worker thread.
// Run by tests/integration/test_debian_programs.py natively and under Tessera.
const fs = require("fs");
const cp = require("child_process");
const crypto = require("crypto");
const zlib = require("zlib");
const { Worker } = require("worker_threads");

fs.writeFileSync("j.json", JSON.stringify({ a: [1, 2, 3] }));
console.log(JSON.parse(fs.readFileSync("j.json")).a.reduce((x, y) => x + y));
console.log(crypto.createHash("sha256").update("tessera").digest("hex").slice(0, 16));
console.log(zlib.gunzipSync(zlib.gzipSync("x".repeat(100000))).length);
console.log(cp.execSync("echo child; exit 0").toString().trim());
console.log(cp.spawnSync("sh", ["-c", "exit 3"]).status);
const after = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));

(async () => {
	await Promise.resolve();
	console.log("microtask");
	const order = [];
	await Promise.all([after(60, 2).then((v) => order.push(v)), after(20, 1).then((v) => order.push(v))]);
	console.log("timers in order", order.join(","));
	console.log("async read", (await fs.promises.readFile("j.json")).length);
	const out = await new Promise((resolve) => cp.exec("echo async child", (err, o) => resolve(o)));
	console.log(out.trim());
	const code = "require('worker_threads').parentPort.postMessage(6 * 7)";
	const answer = await new Promise((resolve) => new Worker(code, { eval: true }).on("message", resolve));
	console.log("worker says", answer);
})();
