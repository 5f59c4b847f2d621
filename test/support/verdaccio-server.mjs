// Runs the real Verdaccio (verdaccio@6.10.4) through its own `runServer` API: its command line refuses
// Node < 22 at start-up (a version guard in build/lib/cli/cli.mjs), while the server itself runs on the
// Node 20 this project targets. Arguments: <config.yaml> <port>. Prints "listening" once it accepts.
import { runServer } from 'verdaccio';

const [config, port] = process.argv.slice(2);
const app = await runServer(config);
const server = app.listen(Number(port), '127.0.0.1', () => console.log('listening'));
// Clients in the test process pool their sockets across tests that each take seconds: the server must not
// close idle ones under them (Node's default is 5 s), or a later request meets a hung-up socket.
server.keepAliveTimeout = 3_600_000;
