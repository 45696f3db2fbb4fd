/*
 * Commander's own words (`--help` titles, the help option, its usage
 * errors), said through the hooks of src/cli/commander-lang.ts. The English
 * is commander 14's, word for word, so English output does not change.
 */
export const en = {
  'cli.commander.title.usage': 'Usage:',
  'cli.commander.title.options': 'Options:',
  'cli.commander.title.globalOptions': 'Global Options:',
  'cli.commander.title.commands': 'Commands:',
  'cli.commander.title.arguments': 'Arguments:',
  'cli.commander.help': 'display help for command',
  'cli.commander.version': 'output the version number',
  'cli.commander.default': (p: { value: string }) => `default: ${p.value}`,
  'cli.commander.choices': (p: { values: string }) => `choices: ${p.values}`,
  'cli.commander.preset': (p: { value: string }) => `preset: ${p.value}`,
  'cli.commander.env': (p: { name: string }) => `env: ${p.name}`,
  'cli.commander.error': (p: { message: string }) => `error: ${p.message}`,
  'cli.commander.unknownOption': (p: { flag: string }) => `unknown option '${p.flag}'`,
  'cli.commander.unknownCommand': (p: { name: string }) => `unknown command '${p.name}'`,
  'cli.commander.didYouMean': (p: { name: string }) => `(Did you mean ${p.name}?)`,
  'cli.commander.didYouMeanOneOf': (p: { names: string }) => `(Did you mean one of ${p.names}?)`,
  'cli.commander.missingArgument': (p: { name: string }) => `missing required argument '${p.name}'`,
  'cli.commander.optionMissingArgument': (p: { flags: string }) => `option '${p.flags}' argument missing`,
  'cli.commander.missingMandatoryOption': (p: { flags: string }) =>
    `required option '${p.flags}' not specified`,
  /** `command`: ` for 'name'` when a subcommand, else empty. */
  'cli.commander.excessArguments': (p: { command: string; expected: number; got: number }) =>
    `too many arguments${p.command ? ` for '${p.command}'` : ''}. Expected ${p.expected} argument${p.expected === 1 ? '' : 's'} but got ${p.got}.`,
  'cli.commander.invalidOption': (p: { flags: string; value: string; why: string }) =>
    `option '${p.flags}' argument '${p.value}' is invalid. ${p.why}`,
  'cli.commander.invalidArgument': (p: { name: string; value: string; why: string }) =>
    `command-argument value '${p.value}' is invalid for argument '${p.name}'. ${p.why}`,
  'cli.commander.choicesAllowed': (p: { values: string }) => `Allowed choices are ${p.values}.`,
};

export const fr: typeof en = {
  'cli.commander.title.usage': 'Utilisation :',
  'cli.commander.title.options': 'Options :',
  'cli.commander.title.globalOptions': 'Options globales :',
  'cli.commander.title.commands': 'Commandes :',
  'cli.commander.title.arguments': 'Arguments :',
  'cli.commander.help': 'afficher l’aide de la commande',
  'cli.commander.version': 'afficher le numéro de version',
  'cli.commander.default': (p) => `par défaut : ${p.value}`,
  'cli.commander.choices': (p) => `valeurs possibles : ${p.values}`,
  'cli.commander.preset': (p) => `sans valeur : ${p.value}`,
  'cli.commander.env': (p) => `variable : ${p.name}`,
  'cli.commander.error': (p) => `erreur : ${p.message}`,
  'cli.commander.unknownOption': (p) => `option inconnue '${p.flag}'`,
  'cli.commander.unknownCommand': (p) => `commande inconnue '${p.name}'`,
  'cli.commander.didYouMean': (p) => `(Vouliez-vous dire ${p.name} ?)`,
  'cli.commander.didYouMeanOneOf': (p) => `(Vouliez-vous dire l’un de ceux-ci : ${p.names} ?)`,
  'cli.commander.missingArgument': (p) => `argument obligatoire manquant : '${p.name}'`,
  'cli.commander.optionMissingArgument': (p) => `l’option '${p.flags}' attend une valeur`,
  'cli.commander.missingMandatoryOption': (p) => `l’option obligatoire '${p.flags}' n’est pas donnée`,
  'cli.commander.excessArguments': (p) =>
    `trop d’arguments${p.command ? ` pour '${p.command}'` : ''} : ${p.expected} ${p.expected < 2 ? 'attendu' : 'attendus'}, ${p.got} ${p.got < 2 ? 'donné' : 'donnés'}.`,
  'cli.commander.invalidOption': (p) => `option '${p.flags}' : valeur '${p.value}' invalide. ${p.why}`,
  'cli.commander.invalidArgument': (p) => `argument '${p.name}' : valeur '${p.value}' invalide. ${p.why}`,
  'cli.commander.choicesAllowed': (p) => `Valeurs possibles : ${p.values}.`,
};
