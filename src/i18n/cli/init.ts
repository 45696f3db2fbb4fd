/* The --help of `ronde init` (src/cli/init.ts); what it prints is `cli.init.*` of en.ts/fr.ts. */
export const en = {
  'cli.init.help.summary': 'write a commented starter ronde.yaml',
  'cli.init.help.description':
    'Writes a commented starter configuration: the local host, the routines R1–R13 of a\n' +
    "sysadmin team's wiki page with their checklists and cadences, and a team example.\n" +
    'Never overwrites an existing file (exit 73).',
  'cli.init.help.output': 'where to write it',
  'cli.init.help.lang': 'language of the file, its routines and this command (default: the locale)',
  'cli.init.help.langDefault': 'from LC_ALL/LC_MESSAGES/LANG',
  'cli.init.help.examples':
    '\nExamples:\n  ronde init\n  ronde init --lang fr --output /etc/ronde/ronde.yaml',
};

export const fr: typeof en = {
  'cli.init.help.summary': 'écrire un ronde.yaml de départ, commenté',
  'cli.init.help.description':
    'Écrit une configuration de départ commentée : l’hôte local, les routines R1–R13 de la\n' +
    'page de wiki d’une équipe d’administration système avec leurs listes d’étapes et\n' +
    'leurs cadences, et un exemple d’équipe. N’écrase jamais un fichier existant (code 73).',
  'cli.init.help.output': 'où l’écrire',
  'cli.init.help.lang': 'langue du fichier, de ses routines et de cette commande (par défaut : la locale)',
  'cli.init.help.langDefault': 'd’après LC_ALL/LC_MESSAGES/LANG',
  'cli.init.help.examples':
    '\nExemples :\n  ronde init\n  ronde init --lang fr --output /etc/ronde/ronde.yaml',
};
