import { describe, expect, it } from 'vitest';
import { EmailNotifier, MattermostNotifier, WebhookNotifier } from '../notify/schema.js';
import { configReference } from './reference.js';

describe('the configuration reference', () => {
  const reference = configReference();

  it.each([
    ['mattermost', MattermostNotifier],
    ['webhook', WebhookNotifier],
    ['email', EmailNotifier],
  ] as const)('shows every key of the %s notifier', (type, schema) => {
    for (const key of Object.keys(schema.shape).filter((k) => k !== 'type'))
      expect(reference).toContain(`| \`notifiers[type=${type}].${key}\``);
    expect(reference).toMatch(new RegExp(`notifiers\\[\\]\\.type\`.*"${type}"`));
  });
});
