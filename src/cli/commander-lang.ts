import type { Argument, Command, ErrorOptions, Option } from 'commander';
import type { Key } from '../i18n/index.js';
import { cliLang, say } from './lang.js';

/*
 * Commander's own words in the CLI's language, through its documented hooks
 * rather than by rewriting its output:
 * - the help titles: `configureHelp({ styleTitle })`, which commander calls
 *   with 'Usage:', 'Options:', 'Commands:'…;
 * - "(default: …)", "(choices: …)": `configureHelp({ optionDescription,
 *   argumentDescription })`, the same rules as commander's Help;
 * - "display help for command": `helpOption()` and `helpCommand()`
 *   descriptions ("output the version number" is given to `.version()` in
 *   main.ts);
 * - usage errors: `Command.error(message, { code })`, which every one of
 *   commander's errors goes through with its CommanderError code. The code
 *   says which sentence it is; its parameters (the flag, the argument) are
 *   read back from commander 14's English message. Anything not recognised
 *   stays in English rather than being lost (commander-lang.test.ts fails if
 *   an upgrade changes one of these sentences).
 */

const TITLES: Readonly<Record<string, Key>> = {
  'Usage:': 'cli.commander.title.usage',
  'Options:': 'cli.commander.title.options',
  'Global Options:': 'cli.commander.title.globalOptions',
  'Commands:': 'cli.commander.title.commands',
  'Arguments:': 'cli.commander.title.arguments',
};

function styleTitle(title: string): string {
  const key = TITLES[title];
  return key ? say(key as 'cli.commander.title.usage') : title;
}

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Commander's Help.optionDescription, its parenthesised facts in the CLI's language. */
export function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(say('cli.commander.choices', { values: quoted(option.argChoices) }));
  const showDefault =
    option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && showDefault)
    extra.push(
      say('cli.commander.default', {
        value: option.defaultValueDescription || JSON.stringify(option.defaultValue),
      }),
    );
  if (option.presetArg !== undefined && option.optional)
    extra.push(say('cli.commander.preset', { value: JSON.stringify(option.presetArg) }));
  if (option.envVar !== undefined) extra.push(say('cli.commander.env', { name: option.envVar }));
  return withExtra(option.description, extra);
}

/** Commander's Help.argumentDescription, idem. */
export function argumentDescription(argument: Argument): string {
  const extra: string[] = [];
  if (argument.argChoices) extra.push(say('cli.commander.choices', { values: quoted(argument.argChoices) }));
  if (argument.defaultValue !== undefined)
    extra.push(
      say('cli.commander.default', {
        value: argument.defaultValueDescription || JSON.stringify(argument.defaultValue),
      }),
    );
  return withExtra(argument.description, extra);
}

function withExtra(description: string, extra: readonly string[]): string {
  if (extra.length === 0) return description;
  return description ? `${description} (${extra.join(', ')})` : `(${extra.join(', ')})`;
}

type Parse = (m: RegExpMatchArray) => string;

/** Commander 14's usage errors, by code: its English sentence and ours. */
const ERRORS: Readonly<Record<string, ReadonlyArray<readonly [RegExp, Parse]>>> = {
  'commander.unknownOption': [
    [/^unknown option '(.*)'$/s, (m) => say('cli.commander.unknownOption', { flag: m[1]! })],
  ],
  'commander.unknownCommand': [
    [/^unknown command '(.*)'$/s, (m) => say('cli.commander.unknownCommand', { name: m[1]! })],
  ],
  'commander.missingArgument': [
    [/^missing required argument '(.*)'$/s, (m) => say('cli.commander.missingArgument', { name: m[1]! })],
  ],
  'commander.optionMissingArgument': [
    [
      /^option '(.*)' argument missing$/s,
      (m) => say('cli.commander.optionMissingArgument', { flags: m[1]! }),
    ],
  ],
  'commander.missingMandatoryOptionValue': [
    [
      /^required option '(.*)' not specified$/s,
      (m) => say('cli.commander.missingMandatoryOption', { flags: m[1]! }),
    ],
  ],
  'commander.excessArguments': [
    [
      /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s,
      (m) =>
        say('cli.commander.excessArguments', {
          command: m[1] ?? '',
          expected: Number(m[2]),
          got: Number(m[3]),
        }),
    ],
  ],
  'commander.invalidArgument': [
    [
      /^option '(.*?)' argument '(.*)' is invalid\. (.*)$/s,
      (m) => say('cli.commander.invalidOption', { flags: m[1]!, value: m[2]!, why: choices(m[3]!) }),
    ],
    [
      /^command-argument value '(.*)' is invalid for argument '(.*?)'\. (.*)$/s,
      (m) => say('cli.commander.invalidArgument', { value: m[1]!, name: m[2]!, why: choices(m[3]!) }),
    ],
  ],
};

/** The reason of an invalid value: ours is already translated; commander's choices are not. */
function choices(why: string): string {
  const m = /^Allowed choices are (.*)\.$/s.exec(why);
  return m ? say('cli.commander.choicesAllowed', { values: m[1]! }) : why;
}

/** `(Did you mean --json?)` after the sentence, as commander's suggestSimilar writes it. */
function suggestion(text: string): string {
  const m = /^\(Did you mean (one of )?(.*)\?\)$/s.exec(text);
  if (!m) return text;
  return m[1]
    ? say('cli.commander.didYouMeanOneOf', { names: m[2]! })
    : say('cli.commander.didYouMean', { name: m[2]! });
}

/** A commander error message in the CLI's language; unchanged in English or when not recognised. */
export function commanderMessage(message: string, code: string | undefined): string {
  if (cliLang() === 'en') return message;
  const head = /^error: (.*?)(?:\n(\(Did you mean .*\?\)))?$/s.exec(message);
  if (!head) return message;
  for (const [re, render] of ERRORS[code ?? ''] ?? []) {
    const m = re.exec(head[1]!);
    if (!m) continue;
    const said = say('cli.commander.error', { message: render(m) });
    return head[2] ? `${said}\n${suggestion(head[2])}` : said;
  }
  return message;
}

/**
 * Puts commander's words of `cmd` and of every subcommand in the CLI's
 * language. Call it on the finished tree, once the language is known
 * (main.ts: before parsing, so `--help` is said in it too).
 */
export function speakCommander(cmd: Command): Command {
  cmd.configureHelp({ ...cmd.configureHelp(), styleTitle, optionDescription, argumentDescription });
  cmd.helpOption('-h, --help', say('cli.commander.help'));
  // The implicit `help [command]` of a command with subcommands (and no action of its own).
  if (
    cmd
      .createHelp()
      .visibleCommands(cmd)
      .some((c) => c.name() === 'help' && !cmd.commands.includes(c))
  )
    cmd.helpCommand('help [command]', say('cli.commander.help'));
  const error = cmd.error.bind(cmd);
  cmd.error = (message: string, options?: ErrorOptions) =>
    error(commanderMessage(message, options?.code), options);
  for (const sub of cmd.commands) speakCommander(sub);
  return cmd;
}
