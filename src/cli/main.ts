/**
 * @module cli/main
 * Entry point of the `greyzone` command. Commands are loaded lazily; only this function decides
 * the exit code, and every failure is one line on stderr.
 */
import { readFileSync } from 'node:fs';
import { defineCommand, renderUsage, runCommand, type CommandDef } from 'citty';
import { CliError } from './error.ts';

/** The version is package.json's; it is written nowhere else. */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const root = defineCommand({
  meta: { name: 'greyzone', version: VERSION, description: 'A sourced atlas of whole-of-society intelligence and influence systems' },
  subCommands: {
    validate: () => import('./commands/validate.ts').then((m) => m.default),
    show: () => import('./commands/show.ts').then((m) => m.default),
    search: () => import('./commands/search.ts').then((m) => m.default),
    anchor: () => import('./commands/anchor.ts').then((m) => m.default),
    source: () => import('./commands/source.ts').then((m) => m.default),
    matrix: () => import('./commands/matrix.ts').then((m) => m.default),
    export: () => import('./commands/export.ts').then((m) => m.default),
    load: () => import('./commands/load.ts').then((m) => m.default),
    screen: () => import('./commands/screen.ts').then((m) => m.default),
    serve: () => import('./commands/serve.ts').then((m) => m.default),
    user: () => import('./commands/user.ts').then((m) => m.default),
    audit: () => import('./commands/audit.ts').then((m) => m.default),
    extract: () => import('./commands/extract.ts').then((m) => m.default),
    ingest: () => import('./commands/ingest.ts').then((m) => m.default),
    import: () => import('./commands/import.ts').then((m) => m.default),
    watchlist: () => import('./commands/watchlist.ts').then((m) => m.default),
    alerts: () => import('./commands/alerts.ts').then((m) => m.default),
    brief: () => import('./commands/brief.ts').then((m) => m.default),
  },
});

type AnyCommand = CommandDef<Record<string, never>>;

async function resolve<T>(v: T | Promise<T> | (() => T | Promise<T>)): Promise<T> {
  return typeof v === 'function' ? (v as () => T | Promise<T>)() : v;
}

/** The deepest subcommand named at the front of `argv`, with its parent and the remaining args. */
async function findCommand(argv: string[]): Promise<{ cmd: AnyCommand; parent?: AnyCommand; rest: string[] }> {
  let cmd: AnyCommand = root as unknown as AnyCommand;
  let parent: AnyCommand | undefined;
  let rest = argv;
  for (;;) {
    const subs = cmd.subCommands ? await resolve(cmd.subCommands) : undefined;
    const name = rest[0];
    if (!subs || name === undefined || name.startsWith('-')) return { cmd, parent, rest };
    const sub = subs[name];
    if (!sub) throw new CliError(`unknown command '${name}'; see greyzone --help`);
    parent = cmd;
    cmd = (await resolve(sub)) as AnyCommand;
    rest = rest.slice(1);
  }
}

/** Rejects options the command does not declare: a typo must not be silently ignored. */
async function checkOptions(cmd: AnyCommand, args: string[]): Promise<void> {
  const declared = cmd.args ? await resolve(cmd.args) : {};
  const known = new Set<string>();
  for (const [name, def] of Object.entries(declared as Record<string, { alias?: string | string[] }>)) {
    known.add(name);
    for (const a of [def.alias ?? []].flat()) known.add(a);
  }
  for (const arg of args) {
    if (arg === '--') break;
    const m = /^--?(?:no-)?([^=]+)/.exec(arg);
    if (m && arg !== '-' && !known.has(m[1]!)) throw new CliError(`unknown option '${arg.split('=')[0]}'`);
  }
}

/**
 * A reader that goes away early (`greyzone … | head`) closes the pipe: the next write fails with
 * EPIPE. That is the reader's choice, not a failure — stop at once, quietly, with exit 0. Any other
 * error writing the output is one line and exit 1, never an unhandled 'error' event's stack trace.
 */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      if (stream === process.stdout) process.stderr.write(`greyzone: cannot write the output: ${e.message}\n`);
      process.exit(1);
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  try {
    const { cmd, parent, rest } = await findCommand(argv);
    if ((cmd as unknown) === root && rest[0] === '--version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h') || (cmd.subCommands && !cmd.run)) {
      process.stdout.write(`${await renderUsage(cmd, parent)}\n`);
      return rest.includes('--help') || rest.includes('-h') ? 0 : 1;
    }
    await checkOptions(cmd, rest);
    const { result } = await runCommand(cmd, { rawArgs: rest });
    return typeof result === 'number' ? result : 0;
  } catch (e) {
    const name = (e as Error).name;
    const known = e instanceof CliError || name === 'CLIError';
    const message = known ? (e as Error).message : `internal error: ${(e as Error).message}`;
    // One line, no stack: the reason is for a person at a terminal.
    process.stderr.write(`greyzone: ${stripAnsi(message).split('\n')[0]}\n`);
    return known ? ((e as CliError).exitCode ?? 1) : 2;
  }
}

function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}
