#!/usr/bin/env node
// Stand-in for `redis-cli [-h host] [-p port] <command> [args...]`, enough for bench.mjs's
// `info <section>` calls on a machine without the Redis tools. Prints bulk and simple replies as
// redis-cli does; used by run.sh only when redis-cli is not on PATH.
'use strict';
const net = require('node:net');

let host = '127.0.0.1';
let port = 6379;
const cmd = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '-h') host = argv[++i];
  else if (argv[i] === '-p') port = Number(argv[++i]);
  else cmd.push(argv[i]);
}
if (!cmd.length) cmd.push('PING');

let req = `*${cmd.length}\r\n`;
for (const c of cmd) req += `$${Buffer.byteLength(c)}\r\n${c}\r\n`;

const sock = net.connect({ host, port }, () => sock.write(req));
sock.setTimeout(10000, () => { console.error('timeout'); process.exit(1); });
let buf = Buffer.alloc(0);
sock.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  const nl = buf.indexOf('\r\n');
  if (nl < 0) return;
  const type = String.fromCharCode(buf[0]);
  const head = buf.subarray(1, nl).toString();
  if (type === '$') {
    const len = Number(head);
    if (len < 0) { process.stdout.write('\n'); sock.end(); process.exit(0); }
    if (buf.length < nl + 2 + len) return;
    process.stdout.write(buf.subarray(nl + 2, nl + 2 + len).toString() + '\n');
  } else if (type === '-') {
    console.error(`(error) ${head}`);
    sock.end();
    process.exit(1);
  } else {
    process.stdout.write(head + '\n');
  }
  sock.end();
  process.exit(0);
});
sock.on('error', (e) => { console.error(String(e)); process.exit(1); });
