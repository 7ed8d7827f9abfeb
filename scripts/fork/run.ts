/** Small process helpers shared by the fork scripts. */
import { spawn, type ChildProcess } from "node:child_process";
import { globSync } from "node:fs";

/** Runs a command with inherited stdio (in `cwd`, default the current folder) and resolves with its exit code. */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env, cwd });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Starts a long-running command in its own process group (so that it can be stopped with its children). */
export function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(command, args, { stdio: ["ignore", "ignore", "inherit"], env, detached: true });
}

/** Stops a process started with `start`, children included. */
export function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

/** Sends one JSON-RPC request. */
export async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * The Mocha suites that run in fork mode: every `*.test.ts` under test/, except devnet-only suites (those under a
 * `devnet/` folder test our stand-ins' own admin and mocks, which a real Story chain does not have) and the attack
 * suite (test/security/ attacks our own contracts, which behave the same over either Story; it runs on the devnet).
 */
export function forkSuites(): string[] {
  return globSync("test/**/*.test.ts")
    .filter((file) => !file.split(/[\\/]/).includes("devnet"))
    .filter((file) => !file.split(/[\\/]/).includes("security"))
    .sort();
}
