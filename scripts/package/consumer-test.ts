/**
 * `npm run test:package`: proves the package from outside the repo. Packs it (`npm pack`, whose `prepack` runs
 * `npm run build`), checks the tarball's file list, installs it with its peers into a fresh TypeScript project in
 * the OS temp folder from the npm cache only (`npm install --offline`), type-checks and compiles the consumer program
 * (scripts/package/consumer/main.ts) and every docs snippet (docs/snippets/*.ts) against it, compiles a Solidity
 * contract importing the packed interfaces, then runs the program against a local Hardhat node. Fails on any missing
 * file, export or type. KEEP_CONSUMER=1 keeps the temp project.
 */
import { copyFileSync, cpSync, globSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { execFileSync } from "node:child_process";
import { rpc, run, start, stop } from "../fork/run.ts";

const repo = process.cwd();
const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  name: string;
  devDependencies: Record<string, string>;
};
const timings: string[] = [];
let lap = Date.now();
function timed(step: string): void {
  timings.push(`${step} ${((Date.now() - lap) / 1000).toFixed(1)} s`);
  lap = Date.now();
}
async function must(
  step: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const code = await run(command, args, { ...process.env, ...options.env }, options.cwd);
  if (code !== 0) throw new Error(`${step} failed (exit ${code}): ${command} ${args.join(" ")}`);
  timed(step);
}

/** Files the tarball must contain and paths it must not (test doubles, devnet, tests, scripts, sources). */
const REQUIRED = [
  "package.json",
  "README.md",
  "dist/src/index.js",
  "dist/src/index.d.ts",
  "dist/src/deployments.js",
  "dist/typechain-types/common.d.ts",
  "abi/RiskOracle.json",
  "abi/AccessManager.json",
  "contracts/insurance/interfaces/IUnderwritingPool.sol",
  "contracts/lending/interfaces/IRoyaltyLendingVault.sol",
];
const FORBIDDEN = /(^|\/)(mocks|devnet|test|scripts|src|bench|typechain-types\/hardhat\.d\.ts)(\/|$)|Mock|\.t\.sol$/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

const work = mkdtempSync(join(tmpdir(), "quintessence-consumer-"));
const project = join(work, "project");
let node: ReturnType<typeof start> | undefined;
let failed = true;
try {
  // 1. Pack (prepack builds: hardhat build, ABIs and entry, tsc).
  await must("npm pack (with build)", "npm", ["pack", "--pack-destination", work, "--silent"]);
  const [tarball] = globSync(join(work, "*.tgz"));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball to ${work}`);
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/^package\//, ""));
  const missing = REQUIRED.filter((file) => !files.includes(file));
  const unwanted = files.filter((file) => FORBIDDEN.test(file.replace(/^dist\//, "")) && !file.startsWith("dist/src/"));
  if (missing.length > 0 || unwanted.length > 0) {
    throw new Error(`tarball: missing [${missing.join(", ")}], unwanted [${unwanted.join(", ")}]`);
  }
  console.log(`test:package: ${basename(tarball)} (${files.length} files)`);

  // 2. A fresh project with the tarball and its peers, from the npm cache only.
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "quintessence-consumer", private: true, type: "module" }, null, 2),
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          lib: ["es2023"],
          types: ["node"],
          strict: true,
          skipLibCheck: false,
          resolveJsonModule: true,
          outDir: "out",
          rootDir: ".",
        },
        include: ["main.ts", "snippets/*.ts"],
      },
      null,
      2,
    ),
  );
  copyFileSync("scripts/package/consumer/main.ts", join(project, "main.ts"));
  copyFileSync("scripts/package/consumer/Consumer.sol", join(project, "Consumer.sol"));
  cpSync("docs/snippets", join(project, "snippets"), { recursive: true });
  const peers = [
    "ethers",
    "typescript",
    "@types/node",
    "@openzeppelin/contracts",
    "@pythnetwork/pyth-sdk-solidity",
  ].map((name) => `${name}@${manifest.devDependencies[name]}`);
  await must(
    "npm install --offline",
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball, ...peers],
    { cwd: project },
  );

  // 3. Type-check and compile the program and the docs snippets against the installed package.
  await must("tsc (program + snippets)", process.execPath, [
    join(project, "node_modules/typescript/bin/tsc"),
    "-p",
    project,
  ]);

  // 4. Solidity: the packed interfaces import as `@quintessence/contracts/contracts/...` (resolved through the package
  // exports, as Node resolves them) and compile with the repo's solc.
  const solc = createRequire(join(repo, "package.json"))("solc") as {
    compile(input: string, callbacks: object): string;
  };
  const resolve = createRequire(join(project, "package.json")).resolve;
  const interfaces = files.filter((file) => /^contracts\/.*\.sol$/.test(file));
  const allInterfaces = interfaces.map((file, i) => `import * as I${i} from "${manifest.name}/${file}";`).join("\n");
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: {
          "Consumer.sol": { content: readFileSync(join(project, "Consumer.sol"), "utf8") },
          "AllInterfaces.sol": {
            content: `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.28;\n${allInterfaces}\n`,
          },
        },
        settings: { evmVersion: "prague", outputSelection: { "Consumer.sol": { Consumer: ["abi"] } } },
      }),
      {
        import: (path: string) => {
          try {
            return { contents: readFileSync(resolve(path), "utf8") };
          } catch (error) {
            return { error: `${path}: ${(error as Error).message.split("\n")[0]}` };
          }
        },
      },
    ),
  ) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<string, Record<string, unknown>>;
  };
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  if (errors.length > 0 || output.contracts?.["Consumer.sol"]?.Consumer === undefined) {
    throw new Error(`Solidity against the packed interfaces:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  }
  timed(`solc (Consumer.sol + ${interfaces.length} interfaces)`);

  // 5. Run the program against a local node.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  node = start("hardhat", ["node", "--hostname", "127.0.0.1", "--port", String(port)]);
  for (let attempt = 0; ; attempt++) {
    try {
      await rpc(url, "eth_chainId");
      break;
    } catch (error) {
      if (attempt === 120) throw new Error(`the local node did not answer at ${url}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  timed("hardhat node up");
  await must("run program", process.execPath, [join(project, "out/main.js")], { cwd: project, env: { RPC_URL: url } });
  failed = false;
} finally {
  if (node !== undefined) stop(node);
  if (process.env.KEEP_CONSUMER === "1" || failed) {
    console.log(`test:package: temp project kept at ${work}`);
  } else {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`test:package: ${failed ? "FAILED" : "passed"} (${timings.join(", ")})`);
}
